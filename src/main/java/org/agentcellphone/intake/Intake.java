package org.agentcellphone.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.Home;
import org.agentcellphone.Metrics;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.queue.AcceptanceClock;
import org.agentcellphone.queue.Backlog;
import org.agentcellphone.queue.DeadLetter;
import org.agentcellphone.queue.IntakeBatch;
import org.agentcellphone.queue.PendingEntry;
import org.agentcellphone.queue.PendingStore;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake route's bean: decides about a drop, dead-letters a rejected one, and turns an accepted one into
 * pending entries, one per recipient. Entries are made durable a batch at a time ({@link IntakeBatch}); a drop is
 * deleted only after its entries are durable and their dedupe keys recorded, so a crash at any point either leaves
 * the drop to be read again (same id) or its entries already pending.
 */
public final class Intake {

    /** Header the intake routes set: the agent whose own outbox the drop came from (absent for the shared one). */
    public static final String OWNER = "CellphoneOwner";
    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final DropValidator validator;
    private final PendingStore pending;
    private final DeadLetter deadLetter;
    private final AcceptanceClock clock;
    private final IntakeBatch batch;
    private final Backlog backlog;
    private final IntakeSeen seen;
    private final Metrics metrics;

    public Intake(Home home, DropValidator validator, PendingStore pending, DeadLetter deadLetter,
                  AcceptanceClock clock, IntakeBatch batch, Backlog backlog, IntakeSeen seen, Metrics metrics) {
        this.home = home;
        this.validator = validator;
        this.pending = pending;
        this.deadLetter = deadLetter;
        this.clock = clock;
        this.batch = batch;
        this.backlog = backlog;
        this.seen = seen;
        this.metrics = metrics;
    }

    public IntakeDecision decide(@Body byte[] bytes, @Header(Exchange.FILE_NAME_ONLY) String name,
                                 @Header(Exchange.FILE_PARENT) String parent,
                                 @Header(Exchange.FILE_LAST_MODIFIED) Long lastModified, @Header(OWNER) String owner) {
        String folder = home.relative(Path.of(parent));
        String agent = owner == null || owner.isBlank() ? null : owner;
        Drop drop = new Drop(folder, name, agent, bytes, lastModified == null ? 0 : lastModified);
        return backlog.isFull() ? IntakeDecision.ofDeferred(drop) : validator.decide(drop);
    }

    /**
     * Leaves a drop in its outbox, untouched, for a later poll (the queue is full). Returns the entries of the batch
     * when this drop ends it.
     */
    public List<PendingEntry> defer(@Body IntakeDecision decision, @Header(Exchange.FILE_NAME) String routeName,
                                    @ExchangeProperty(Exchange.BATCH_COMPLETE) Boolean lastOfPoll) throws IOException {
        Drop drop = decision.drop();
        seen.forget(IntakeSeen.keyOf(routeName, drop.lastModified(), drop.bytes().length));
        synchronized (batch) {
            return endOfDrop(lastOfPoll);
        }
    }

    /**
     * Dead-letters a rejected drop (durably, at once); the drop itself goes with the batch. Returns the entries of
     * the batch when this drop ends it.
     */
    public List<PendingEntry> reject(@Body IntakeDecision decision,
                                     @ExchangeProperty(Exchange.BATCH_COMPLETE) Boolean lastOfPoll) throws IOException {
        Drop drop = decision.drop();
        deadLetter.reject(drop.folder(), drop.fileName(), drop.bytes(), decision.rejection());
        synchronized (batch) {
            batch.consumed(home.root().resolve(drop.folder()).resolve(drop.fileName()));
            return endOfDrop(lastOfPoll);
        }
    }

    /**
     * Writes the pending entries of an accepted message into the open batch, skipping duplicates. Returns the
     * entries of the batch, now durable, when this drop ends it (last of its poll, or the batch is full); else none.
     */
    public List<PendingEntry> accept(@Body IntakeDecision decision,
                                     @ExchangeProperty(Exchange.BATCH_COMPLETE) Boolean lastOfPoll) throws IOException {
        AcceptedMessage m = decision.message();
        Drop drop = decision.drop();
        String source = drop.folder() + "/" + drop.fileName();
        boolean urgent = m.priority() == Priority.URGENT;
        synchronized (batch) {
            List<PendingEntry> entries = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String recipient : m.recipients()) {
                String key = recipient + "/" + m.id();
                if (batch.contains(key) || keys.contains(key)) {
                    recordDuplicate(key, source);
                    continue;
                }
                long seq = clock.next();
                String timestamp = AcceptanceClock.toInstant(seq).truncatedTo(ChronoUnit.MILLIS).toString();
                Envelope envelope = new Envelope(m.id(), recipient, m.from(), m.claimedFrom(), m.priority(),
                        m.priorityLabel(), m.type(), m.tags(), m.subject(), m.inReplyTo(), m.mode(), m.content(),
                        timestamp, source, seq, drop.lastModified(), null);
                entries.add(pending.write(envelope));
                keys.add(key);
                backlog.added(m.priority());
                metrics.accepted();
                LOG.info("accepted {} for {} ({}) from {} via {}", m.id(), recipient, m.priority().wire(), m.from(),
                        source);
            }
            for (String unknown : m.unknownRecipients()) {
                String key = "?" + Sanitize.forFileName(unknown, 64) + "/" + m.id();
                if (batch.contains(key)) {
                    continue;
                }
                deadLetter.add(m.id() + "_to-" + Sanitize.forFileName(unknown, 40) + ".json",
                        Json.MAPPER.writeValueAsBytes(m),
                        Rejection.of(ReasonCode.UNKNOWN_RECIPIENT, "'" + Sanitize.forDetail(unknown)
                                + "' is not an agent of the roster"), source, m.id());
                keys.add(key);
            }
            Path dropFile = home.root().resolve(drop.folder()).resolve(drop.fileName());
            if (urgent) {
                // an urgent message is committed on its own, at once: it neither waits for nor pays for a batch
                // (an open batch is closed by the next end of poll or by the flush timer)
                return batch.commitAlone(entries, keys, dropFile);
            }
            entries.forEach(batch::added);
            keys.forEach(batch::key);
            batch.consumed(dropFile);
            return endOfDrop(lastOfPoll);
        }
    }

    /** Closes the batch now: called at the end of each poll and by a timer, so no batch stays open. */
    public List<PendingEntry> flush() throws IOException {
        return batch.flush();
    }

    private List<PendingEntry> endOfDrop(Boolean lastOfPoll) throws IOException {
        return Boolean.TRUE.equals(lastOfPoll) || batch.isFull() ? batch.flush() : List.of();
    }

    private void recordDuplicate(String key, String source) throws IOException {
        String line = Instant.now() + " " + key + " " + source + "\n";
        Files.writeString(home.state().resolve("duplicates.log"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        metrics.duplicate();
        LOG.info("duplicate {} dropped (already accepted within the dedupe window), from {}", key, source);
    }
}
