package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Rejection;

/**
 * Where accepted messages wait and what becomes of each: waiting, held, delivered (recorded) or dead. The promise
 * every implementation keeps, checked by {@code MessageStoreContract}: an accepted entry is delivered once or
 * dead-lettered with its reason; a duplicate is not accepted twice; no operation repeated after a crash hands an
 * entry out twice.
 */
public interface MessageStore {

    /** What an operator's action did to one entry. */
    enum Outcome {
        /** Done: the entry is where it was asked to go. */
        MOVED,
        /** Not done: it was delivered meanwhile (the copy asked about is removed). */
        ALREADY_DELIVERED,
        /** Not done: an earlier, interrupted requeue handed it back already (the dead copy is removed). */
        ALREADY_HANDED_BACK,
        /** Not done: the entry is no longer there. */
        GONE
    }

    /**
     * One delivery attempt of a waiting entry, from reading it to its end; closed without {@link Delivering#done},
     * the entry still waits. A shared store claims the entry for the attempt: no other router delivers it meanwhile.
     */
    interface Delivering extends AutoCloseable {

        /** The entry's message; null when it no longer waits (delivered, held, expired, deleted) or is claimed. */
        Envelope message();

        /**
         * The inbox copy is durable and recorded ({@code record}: the delivery record as written): the entry no
         * longer waits. With a job folder, its message waits there as the job of the lane that wakes the recipient; that
         * file is returned (null when the entry was removed meanwhile and nothing is left to wake).
         */
        Path done(Path jobFolder, DeliveryLedger.Written record) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Accepts one entry per message and recipient, durably; returns those that were not duplicates. */
    List<PendingEntry> accept(List<Envelope> messages) throws IOException;

    /** The entries waiting for delivery, in delivery order. */
    List<PendingEntry> waiting() throws IOException;

    /** The message of a waiting entry; null once it no longer waits (delivered, held, expired, deleted). */
    Envelope read(PendingEntry entry) throws IOException;

    /** Starts a delivery attempt of a waiting entry. */
    Delivering delivering(PendingEntry entry) throws IOException;

    /** The delivery of a waiting entry, whose inbox copy is durable: recorded, and the entry no longer waits. */
    void delivered(PendingEntry entry, Envelope message, Path inboxFile, String inboxRelative, int attempts,
                   Instant at) throws IOException;

    boolean isDelivered(PendingEntry entry) throws IOException;

    /** Moves a waiting entry to the dead letter with its reason. */
    void deadLetter(PendingEntry entry, Rejection reason, int attempts) throws IOException;

    List<PendingEntry> held() throws IOException;

    /** The accepted entries in the dead letter (rejected drops are not entries). */
    List<PendingEntry> dead() throws IOException;

    /** Sets a waiting entry aside: neither delivered nor expired until released. */
    Outcome hold(PendingEntry waiting) throws IOException;

    /** Hands a held entry back for delivery. */
    Outcome release(PendingEntry held) throws IOException;

    /** Hands a dead entry back for delivery: attempts start again, its failure is kept in its history. */
    Outcome requeue(PendingEntry dead) throws IOException;

    /** Removes a waiting, held or dead entry for good. */
    boolean delete(PendingEntry entry) throws IOException;

    /** Moves waiting entries accepted before {@code now - maxAge} to the dead letter as expired; held ones stay. */
    int expire(Duration maxAge, Instant now) throws IOException;

    /**
     * Forgets the delivered and deleted entries older than {@code before}: their ids no longer deduplicate, as the
     * dedupe window says. Returns how many; the file store keeps nothing of them but its journal, which prunes itself.
     */
    default int forgetDelivered(Instant before) throws IOException {
        return 0;
    }
}
