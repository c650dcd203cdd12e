package org.agentcellphone.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.IntakeBatch;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.model.Sanitize;
import org.agentcellphone.store.Drop;

/**
 * The intake route's bean: decides about a drop, dead-letters a rejected one, and turns an accepted one into
 * pending entries, one per recipient. Entries are made durable a batch at a time ({@link IntakeBatch}); a drop is
 * deleted only after its entries are durable and their dedupe keys recorded, so a crash at any point either leaves
 * the drop to be read again (same id) or its entries already pending.
 */
public final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final DropValidator validator;
    private final PendingStore pending;
    private final DeadLetter deadLetter;
    private final AcceptanceClock clock;
    private final IntakeBatch batch;
    private final Backlog backlog;
    private final Outboxes outboxes;
    private final Metrics metrics;

    public Intake(Home home, DropValidator validator, PendingStore pending, DeadLetter deadLetter,
                  AcceptanceClock clock, IntakeBatch batch, Backlog backlog, Outboxes outboxes, Metrics metrics) {
        this.home = home;
        this.validator = validator;
        this.pending = pending;
        this.deadLetter = deadLetter;
        this.clock = clock;
        this.batch = batch;
        this.backlog = backlog;
        this.outboxes = outboxes;
        this.metrics = metrics;
    }

    /**
     * Accepted, rejected (with its reason) or deferred: the queue is full, or the drop is young and does not parse
     * yet (its writer may still be at work: it gets the settle time before it counts as malformed).
     */
    public IntakeDecision decide(Drop drop) {
        if (drop.unread() != null) {
            return IntakeDecision.ofRejected(drop, drop.unread());
        }
        if (backlog.isFull()) {
            return IntakeDecision.ofDeferred(drop);
        }
        IntakeDecision decision = validator.decide(drop);
        if (decision.isRejected() && decision.rejection().code().mayBeIncompleteWrite()
                && outboxes.of(drop.folder()).settleFirst(drop)) {
            return IntakeDecision.ofDeferred(drop);
        }
        return decision;
    }

    /** Leaves a drop in its outbox, untouched, for a later poll. */
    public List<PendingEntry> defer(IntakeDecision decision) {
        outboxes.of(decision.drop().folder()).release(decision.drop());
        return List.of();
    }

    /** Moves a rejected drop, byte for byte, into the dead letter with its reason. */
    public List<PendingEntry> reject(IntakeDecision decision) throws IOException {
        deadLetter.reject(decision.drop(), decision.rejection());
        return List.of();
    }

    /**
     * Handling a drop failed for a reason outside it (a full disk, a folder refused): the drop stays in its outbox
     * and is offered again after a pause, logged once per attempt.
     */
    public void failed(Drop drop, Throwable error) {
        outboxes.of(drop.folder()).failed(drop, error);
    }

    /**
     * Writes the pending entries of an accepted message into the open batch, skipping duplicates. Returns the
     * entries of the batch, now durable, when this drop fills it (or at once for an urgent message); else none. If
     * writing fails half-way (a full disk), the entries already written are removed again: the drop is read anew
     * later, and no entry of it is left behind for recovery to deliver a second time.
     */
    public List<PendingEntry> accept(IntakeDecision decision) throws IOException {
        AcceptedMessage accepted = decision.message();
        Message m = accepted.message();
        Drop drop = decision.drop();
        String source = drop.source();
        boolean urgent = m.priority() == Priority.URGENT;
        synchronized (batch) {
            List<PendingEntry> entries = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try {
                for (String recipient : accepted.recipients()) {
                    String key = recipient + "/" + m.id();
                    if (batch.contains(key) || keys.contains(key)) {
                        recordDuplicate(key, source);
                        continue;
                    }
                    long seq = clock.next();
                    String timestamp = AcceptanceClock.toInstant(seq).truncatedTo(ChronoUnit.MILLIS).toString();
                    Envelope envelope = new Envelope(m, recipient, timestamp, source, seq, drop.lastModified(), null);
                    entries.add(pending.write(envelope));
                    keys.add(key);
                }
                String unknownKey = "?/" + m.id();
                if (!accepted.unknownRecipients().isEmpty() && !batch.contains(unknownKey)) {
                    // one dead-letter entry names every unknown recipient: a drop naming thousands costs one file
                    deadLetter.add(m.id() + "_unknown-recipients.json", Json.MAPPER.writeValueAsBytes(accepted),
                            Rejection.of(ReasonCode.UNKNOWN_RECIPIENT, unknownDetail(accepted.unknownRecipients())),
                            source, m.id());
                    keys.add(unknownKey);
                }
            } catch (IOException | RuntimeException e) {
                for (PendingEntry written : entries) {
                    pending.remove(written);
                }
                throw e;
            }
            for (PendingEntry entry : entries) {
                backlog.added(m.priority());
                metrics.accepted();
                LOG.info("accepted {} for {} ({}) from {} via {}", m.id(), entry.recipient(), m.priority().wire(),
                        m.from(), source);
            }
            if (urgent) {
                // an urgent message is committed on its own, at once: it neither waits for nor pays for a batch
                // (an open batch is closed at the end of the poll)
                try {
                    return batch.commitAlone(entries, keys, drop);
                } catch (IOException | UncheckedIOException e) {
                    // not committed (a full disk): it joins the batch, whose commit is tried again, whole, later
                    LOG.warn("could not commit urgent {} at once ({}); it is committed with the intake batch", m.id(),
                            e.toString());
                }
            }
            entries.forEach(batch::added);
            keys.forEach(batch::key);
            batch.consumed(drop);
            return batch.isFull() ? batch.flushOrWait() : List.of();
        }
    }

    /** The reason of the dead-letter entry for a message's unknown recipients: each named once, the list bounded. */
    static String unknownDetail(List<String> unknown) {
        List<String> distinct = unknown.stream().map(Sanitize::forDetail).distinct().toList();
        int shown = Math.min(distinct.size(), 20);
        String names = String.join(", ", distinct.subList(0, shown))
                + (distinct.size() > shown ? " and " + (distinct.size() - shown) + " more" : "");
        return (distinct.size() == 1 ? "'" + names + "' is not an agent" : distinct.size()
                + " recipients are not agents: " + names) + " of the roster; the known recipients got the message";
    }

    /**
     * Closes the batch at the end of each poll of an outbox that has drops in it, so no batch stays open; a failed
     * commit is tried again later.
     */
    public List<PendingEntry> flush(String folder) {
        return batch.flushOrWait(folder);
    }

    private void recordDuplicate(String key, String source) throws IOException {
        String line = Instant.now() + " " + key + " " + source + "\n";
        Files.writeString(home.guard(home.state()).resolve("duplicates.log"), line, StandardCharsets.UTF_8,
                LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        metrics.duplicate();
        LOG.info("duplicate {} dropped (already accepted within the dedupe window), from {}", key, source);
    }
}
