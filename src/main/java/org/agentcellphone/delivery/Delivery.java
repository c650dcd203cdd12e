package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.FileStore;
import org.agentcellphone.store.MessageStore;
import org.agentcellphone.store.PostgresStore;
import org.agentcellphone.store.AwaitingAcks;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.store.Stalled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.store.DeliveryLedger;

/**
 * Delivers one pending entry: inbox file (durable), then the record, then the pending file goes. Each step is
 * safe to repeat after a crash; recovery finishes whatever a crash interrupted.
 */
public final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final MessageStore store;
    private final FileStore files;
    private final InboxWriter inbox;
    private final DeliveryLedger ledger;
    private final Backlog backlog;
    private final Stalled stalled;
    private final Metrics metrics;
    private final WakePolicy wakes;
    private final Receipts receipts;
    private final AwaitingAcks awaiting;

    /**
     * {@code store} holds the entries the lanes deliver; {@code files} is the home's own, whose interrupted deliveries
     * recovery finishes (the same store on one machine).
     */
    public Delivery(Home home, MessageStore store, FileStore files, InboxWriter inbox, DeliveryLedger ledger,
                    Backlog backlog, Stalled stalled, Metrics metrics, WakePolicy wakes,
                    Receipts receipts, AwaitingAcks awaiting) {
        this.files = files;
        this.wakes = wakes;
        this.receipts = receipts;
        this.awaiting = awaiting;
        this.home = home;
        this.store = store;
        this.inbox = inbox;
        this.ledger = ledger;
        this.backlog = backlog;
        this.stalled = stalled;
        this.metrics = metrics;
    }

    /**
     * One attempt at delivering a waiting entry: its inbox file (once: a later attempt after a failed record step
     * reuses it), its record, then the entry leaves pending. Returns the job of waking the recipient, if any.
     */
    public WakeJob deliver(PendingEntry entry, DeliveryAttempt attempt) throws IOException {
        int attempts = attempt.next();
        try (MessageStore.Delivering delivering = store.delivering(entry)) {
            Envelope envelope = delivering.message();
            if (envelope == null) {
                // held, expired or deleted by an operator meanwhile, delivered through an earlier copy, or (a shared
                // store) claimed by another router's attempt
                backlog.removed(entry.priority());
                LOG.info("skipped {} for {}: it no longer waits here", entry.id(), entry.recipient());
                return null;
            }
            Path written = attempt.inboxFile();
            if (written == null) {
                written = inbox.write(envelope);
                attempt.written(written);
            }
            Instant now = Instant.now();
            WakeMethod wake = wakes.of(envelope);
            DeliveryLedger.Written record = ledger.record(envelope, written, attempts, now, home.relative(written),
                    wake.wire());
            if (envelope.message().asksForAck()) {
                awaiting.add(envelope.id(), envelope.recipient());
            }
            WakeJob job = finish(entry, envelope, wake, folder -> delivering.done(folder, record));
            backlog.removed(entry.priority());
            // entries accepted by an older version carry no drop time: counted, but kept out of the latency histogram
            metrics.delivered(envelope.droppedAt() == null ? null
                    : Duration.between(Instant.ofEpochMilli(envelope.droppedAt()), now));
            LOG.info("delivered {} to {} ({}, attempt {}) as {}", envelope.id(), envelope.recipient(),
                    envelope.message().priority().wire(), attempts, written.getFileName());
            return job;
        } catch (PostgresStore.Unavailable down) {
            // the shared database is away: the entry still waits there, and is offered again once it is back (an
            // inbox copy already written is found then, under the same name)
            backlog.removed(entry.priority());
            LOG.warn("{} for {} waits: {}", entry.id(), entry.recipient(), down.getMessage());
            return null;
        }
    }

    /**
     * Attempts exhausted: the entry goes to the dead letter as delivery-failed, with its last error. Returns the entry
     * that left its lane, or null when it stays pending (the dead letter could not be written) to be tried again.
     */
    public PendingEntry deadLetter(PendingEntry entry, DeliveryAttempt attempt, Throwable error) throws IOException {
        backlog.removed(entry.priority());
        if (attempt.inboxFile() != null) {
            // the inbox copy exists: only the bookkeeping failed, so the message is delivered, not dead; the record
            // is written once it can be
            LOG.error("delivered {} to {} but could not record it: {}", entry.id(), entry.recipient(), describe(error));
            stalled.park(entry, attempt.inboxFile(), error);
            return entry;
        }
        try {
            store.deadLetter(entry, Rejection.of(ReasonCode.DELIVERY_FAILED, describe(error)),
                    Math.max(1, attempt.number()));
        } catch (NoSuchFileException goneMeanwhile) {
            // expired, held or deleted while its attempts ran out: it has left this lane all the same
            return entry;
        } catch (IOException cannotDeadLetter) {
            // the dead letter cannot be written either (a full disk): the entry stays pending and is tried again
            stalled.park(entry, null, cannotDeadLetter);
            return null;
        }
        return entry;
    }

    /** Logs each retry with the message id (Camel's own retry log knows only exchange ids). */
    public void retrying(PendingEntry entry, int attempt, Throwable error) {
        metrics.retry();
        LOG.warn("retrying {} for {}: attempt {} failed ({})", entry == null ? "?" : entry.id(),
                entry == null ? "?" : entry.recipient(), attempt, describe(error));
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The entry is in its inbox and recorded: its pending file goes, or, when its recipient is woken, moves to
     * {@code gui/} or {@code wake/} as the job of the lane that types it (returned). Null when nothing is left to type.
     */
    private WakeJob finish(PendingEntry entry, Envelope envelope, WakeMethod wake, HandOver handOver)
            throws IOException {
        String pane = wake == WakeMethod.TMUX ? wakes.paneOf(entry.recipient()) : null;
        if (wake == WakeMethod.TMUX && pane == null) {
            receipts.wake(new Receipts.Wake(entry.id(), entry.recipient(), "tmux", Receipts.WakeStatus.FAILED.wire(),
                    Instant.now().toString(), WakePolicy.noPane(entry.recipient()), null, null));
            metrics.notNotified("tmux", "failed");
            wake = WakeMethod.NONE;
        }
        if (wake == WakeMethod.NONE || envelope == null) {
            handOver.to(null);
            return null;
        }
        Path job = handOver.to(wake == WakeMethod.GUI ? home.gui() : home.wake());
        return job == null ? null : new WakeJob(new PendingEntry(job, entry.seq(), entry.priority(), entry.recipient(),
                entry.id()), wake, pane == null ? null : TmuxWake.laneOf(pane));
    }

    /** Where a delivered entry goes: nowhere (null folder), or into the job folder of the lane that wakes it. */
    private interface HandOver {
        Path to(Path jobFolder) throws IOException;
    }

    /**
     * Takes up the entries that could not be finished earlier: one whose inbox copy exists gets its record now;
     * the others are returned for their lanes. A failure parks the entry again.
     */
    public List<PendingEntry> takeUpStalled() {
        List<PendingEntry> lanes = new ArrayList<>();
        for (Stalled.Parked parked : stalled.due()) {
            if (parked.inboxFile() == null || store != files) {
                // on a shared store the lane's next attempt finds the inbox copy under its name and finishes it
                backlog.added(parked.entry().priority());
                lanes.add(parked.entry());
                continue;
            }
            try {
                complete(parked.entry(), parked.inboxFile());
            } catch (IOException e) {
                stalled.park(parked.entry(), parked.inboxFile(), e);
            }
        }
        return lanes;
    }

    /** Finishes a delivery a crash interrupted after its record was written: its job, if any, waits for its lane. */
    public void finishRecorded(PendingEntry entry, Envelope envelope) throws IOException {
        finish(entry, envelope, envelope == null ? WakeMethod.NONE : wakes.of(envelope),
                folder -> files.handOver(entry, folder));
    }

    /** Finishes a delivery a crash interrupted after the inbox file was written. */
    public void complete(PendingEntry entry, Path inboxFile) throws IOException {
        Envelope envelope = files.read(entry);
        WakeMethod wake = envelope == null ? WakeMethod.NONE : wakes.of(envelope);
        if (envelope != null) {
            ledger.record(envelope, inboxFile, 1, Instant.now(), home.relative(inboxFile), wake.wire());
        }
        // its job, if any, is in gui/ or wake/ now: the lanes take those up when they start
        finish(entry, envelope, wake, folder -> files.handOver(entry, folder));
        LOG.info("recovered delivery of {} to {}: already in the inbox as {}", entry.id(), entry.recipient(),
                inboxFile.getFileName());
    }
}
