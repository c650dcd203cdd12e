package org.agentcellphone.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agentcellphone.config.Durations;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;

/**
 * The store in the home's folders: an entry's state is the folder its file is in ({@code pending/}, {@code held/},
 * {@code requeue/} on its way back, {@code failed/}), a delivery is its record in {@code delivered/}. Each move is
 * one atomic rename, so a crash leaves every entry in exactly one state, or in two that the next operation
 * recognises (a handed-back copy next to its dead original, a record next to its pending file).
 */
public final class FileStore implements MessageStore {

    private final Home home;
    private final PendingStore pending;
    private final DeliveryLedger ledger;
    private final DeadLetter deadLetter;
    private final DedupeJournal dedupe;
    private final AcceptanceClock clock;

    /** {@code dedupe} is the started journal of the router (or of a process holding the router lock). */
    public FileStore(Home home, DeadLetter deadLetter, DedupeJournal dedupe, AcceptanceClock clock) {
        this.home = home;
        this.pending = new PendingStore(home);
        this.ledger = new DeliveryLedger(home);
        this.deadLetter = deadLetter;
        this.dedupe = dedupe;
        this.clock = clock;
    }

    @Override
    public List<PendingEntry> accept(List<Envelope> messages) throws IOException {
        // the same commit order as intake's: entries durable, then their keys
        IntakeBatch batch = new IntakeBatch(home, dedupe, Integer.MAX_VALUE);
        for (Envelope message : messages) {
            String key = message.recipient() + "/" + message.id();
            if (!batch.contains(key)) {
                batch.added(pending.write(message));
                batch.key(key);
            }
        }
        return batch.flush();
    }

    @Override
    public List<PendingEntry> waiting() throws IOException {
        List<PendingEntry> all = new ArrayList<>(pending.list());
        all.addAll(PendingStore.list(home, home.requeue()));
        all.sort(PendingEntry.DELIVERY_ORDER);
        return all;
    }

    @Override
    public Envelope read(PendingEntry entry) throws IOException {
        return pending.read(entry);
    }

    @Override
    public Delivering delivering(PendingEntry entry) throws IOException {
        Envelope message = pending.read(entry);
        return new Delivering() {
            @Override
            public Envelope message() {
                return message;
            }

            @Override
            public Path done(Path jobFolder, DeliveryLedger.Written record) throws IOException {
                return handOver(entry, jobFolder);
            }

            @Override
            public void close() {
                // the entry's file is its state: nothing is held between the steps
            }
        };
    }

    /**
     * A delivered entry leaves pending: removed, or, with a job folder, moved there as the job of the lane that wakes
     * its recipient (returned). One that retention expired meanwhile is taken back from the dead letter.
     */
    public Path handOver(PendingEntry entry, Path jobFolder) throws IOException {
        if (jobFolder == null) {
            removeDelivered(entry);
            return null;
        }
        Path job = home.guard(jobFolder).resolve(entry.file().getFileName());
        try {
            Files.move(entry.file(), job, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException removedMeanwhile) {
            if (!deadLetter.takeBackExpired(entry, job)) {
                return null;
            }
        }
        return job;
    }

    @Override
    public void delivered(PendingEntry entry, Envelope message, Path inboxFile, String inboxRelative, int attempts,
                          Instant at) throws IOException {
        ledger.record(message, inboxFile, attempts, at, inboxRelative);
        removeDelivered(entry);
    }

    /** The delivered entry no longer waits; one retention expired meanwhile is taken back from the dead letter. */
    public void removeDelivered(PendingEntry entry) throws IOException {
        if (!pending.remove(entry)) {
            deadLetter.takeBackExpired(entry, null);
        }
    }

    @Override
    public boolean isDelivered(PendingEntry entry) throws IOException {
        return ledger.isRecorded(entry);
    }

    @Override
    public void deadLetter(PendingEntry entry, Rejection reason, int attempts) throws IOException {
        deadLetter.movePending(entry, reason, attempts);
    }

    @Override
    public List<PendingEntry> held() throws IOException {
        return PendingStore.list(home, home.held());
    }

    @Override
    public List<PendingEntry> dead() throws IOException {
        return PendingStore.list(home, home.failed()).stream()
                .filter(e -> !e.file().getFileName().toString().endsWith(DeadLetter.REASON_SUFFIX)).toList();
    }

    @Override
    public Outcome hold(PendingEntry waiting) throws IOException {
        Path held = home.guard(home.held()).resolve(waiting.file().getFileName());
        if (!moveIfPresent(waiting.file(), held)) {
            return Outcome.GONE;
        }
        try {
            if (ledger.isRecorded(waiting)) {
                // its lane had already read it and finished the delivery
                Files.delete(held);
                return Outcome.ALREADY_DELIVERED;
            }
            return Outcome.MOVED;
        } finally {
            syncAll(home.pending(), home.held());
        }
    }

    @Override
    public Outcome release(PendingEntry held) throws IOException {
        if (ledger.isRecorded(held)) {
            Files.deleteIfExists(held.file());
            return Outcome.ALREADY_DELIVERED;
        }
        Outcome outcome = moveIfPresent(held.file(), home.guard(home.requeue()).resolve(held.file().getFileName()))
                ? Outcome.MOVED : Outcome.GONE;
        syncAll(home.held(), home.requeue());
        return outcome;
    }

    @Override
    public Outcome requeue(PendingEntry dead) throws IOException {
        Optional<DeadLetter.Reason> reason = DeadLetter.Reason.read(DeadLetter.reasonOf(dead.file()));
        String failedAt = reason.map(DeadLetter.Reason::failedAt).orElse("");
        if (ledger.isRecorded(dead) || handedBack(dead, failedAt)) {
            // a requeue a crash interrupted after its copy was handed back: only the dead copy is left to remove
            deadLetter.remove(dead.file());
            return Outcome.ALREADY_HANDED_BACK;
        }
        Envelope message;
        try {
            message = Json.MAPPER.readValue(DurableFiles.readAtMost(dead.file(), PendingStore.MAX_ENTRY_BYTES),
                    Envelope.class);
        } catch (NoSuchFileException gone) {
            return Outcome.GONE;
        }
        Map<String, Object> trip = new LinkedHashMap<>();
        trip.put("code", reason.map(DeadLetter.Reason::code).orElse("unknown"));
        trip.put("detail", reason.map(DeadLetter.Reason::detail).orElse(""));
        trip.put("attempts", reason.map(DeadLetter.Reason::attempts).orElse(0));
        trip.put("failed_at", failedAt);
        trip.put("requeued_at", Instant.now().toString());
        clock.seed(dead.seq());
        long seq = clock.next();
        Envelope again = message.withHistory(trip).withSeq(seq);
        Path target = home.guard(home.requeue())
                .resolve(PendingEntry.fileName(seq, dead.priority(), dead.recipient(), dead.id()));
        DurableFiles.writeDurably(target, Json.MAPPER.writeValueAsBytes(again));
        syncAll(home.requeue());
        deadLetter.remove(dead.file());
        return Outcome.MOVED;
    }

    @Override
    public boolean delete(PendingEntry entry) throws IOException {
        // a reason is only ever next to a dead entry; removing the entry with it is right in every folder
        return deadLetter.remove(entry.file());
    }

    @Override
    public int expire(Duration maxAge, Instant now) throws IOException {
        Instant acceptedBefore = now.minus(maxAge);
        int expired = 0;
        for (PendingEntry entry : pending.list()) {
            Instant accepted = AcceptanceClock.toInstant(entry.seq());
            if (accepted.isBefore(acceptedBefore) && Files.exists(entry.file())) {
                // a lane that lists the entry later finds it gone and skips it; one delivering it right now takes
                // the dead copy back when it finishes (removeDelivered)
                try {
                    deadLetter.movePending(entry, Rejection.of(ReasonCode.EXPIRED, "waited longer than "
                            + Durations.human(maxAge) + " for delivery (accepted " + accepted + ")"), 0);
                    expired++;
                } catch (NoSuchFileException deliveredMeanwhile) {
                    // its lane finished it first
                }
            }
        }
        return expired;
    }

    /**
     * Whether this trip through the dead letter was already handed back: a copy of the entry (same recipient and id,
     * under a new acceptance time) waits, is held, or was delivered, carrying this failure in its history.
     */
    private boolean handedBack(PendingEntry dead, String failedAt) throws IOException {
        for (Path dir : List.of(home.requeue(), home.pending(), home.held())) {
            for (PendingEntry e : PendingStore.list(home, dir)) {
                if (e.recipient().equals(dead.recipient()) && e.id().equals(dead.id()) && e.seq() != dead.seq()
                        && carriesTrip(Json.MAPPER.readTree(DurableFiles.readAtMost(e.file(),
                        PendingStore.MAX_ENTRY_BYTES)), failedAt)) {
                    return true;
                }
            }
        }
        for (JsonNode record : ledger.recordsOf(dead.id(), dead.recipient())) {
            if (carriesTrip(record, failedAt)) {
                return true;
            }
        }
        return false;
    }

    private static boolean carriesTrip(JsonNode entryOrRecord, String failedAt) {
        for (JsonNode trip : entryOrRecord.path("history")) {
            if (!failedAt.isEmpty() && failedAt.equals(trip.path("failed_at").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean moveIfPresent(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void syncAll(Path... dirs) throws IOException {
        for (Path dir : dirs) {
            DurableFiles.syncDirectory(home.guard(dir));
        }
    }
}
