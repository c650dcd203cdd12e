package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;

/**
 * The retention run, on a Quartz schedule in the router or once with {@code cellphone expire}: pending entries
 * older than {@code cellphone.queue.max-age} are dead-lettered as {@code expired} (never deleted), delivery records
 * older than {@code cellphone.audit.retention} are removed, dedupe ids older than the dedupe window are pruned. Held
 * entries are left alone.
 */
public final class Retention {

    /** What one run did. */
    public record Report(int expired, int recordsRemoved, int dedupePruned) {
    }

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final PendingStore pending;
    private final Path records;
    private final DeadLetter deadLetter;
    private final DedupeJournal dedupe;
    private final Duration maxAge;
    private final Duration auditRetention;

    /** {@code dedupe} is null when another process (the running router) owns the journal. */
    public Retention(PendingStore pending, Path records, DeadLetter deadLetter, DedupeJournal dedupe, Duration maxAge,
                     Duration auditRetention) {
        this.pending = pending;
        this.records = records;
        this.deadLetter = deadLetter;
        this.dedupe = dedupe;
        this.maxAge = maxAge;
        this.auditRetention = auditRetention;
    }

    public Report run() throws IOException {
        Instant now = Instant.now();
        Instant acceptedBefore = now.minus(maxAge);
        int expired = 0;
        for (PendingEntry entry : pending.list()) {
            Instant accepted = AcceptanceClock.toInstant(entry.seq());
            if (accepted.isBefore(acceptedBefore) && Files.exists(entry.file())) {
                // a lane that lists the entry later finds it gone and skips it; one delivering it right now takes
                // the dead copy back when it finishes (Delivery.finish)
                try {
                    deadLetter.movePending(entry, Rejection.of(ReasonCode.EXPIRED, "waited longer than "
                            + human(maxAge) + " for delivery (accepted " + accepted + ")"), 0);
                    expired++;
                } catch (NoSuchFileException deliveredMeanwhile) {
                    // its lane finished it first
                }
            }
        }
        int removed = 0;
        long recordsBefore = now.minus(auditRetention).toEpochMilli();
        try (var files = Files.newDirectoryStream(records, "*.json")) {
            for (Path record : files) {
                if (Files.getLastModifiedTime(record).toMillis() < recordsBefore && Files.deleteIfExists(record)) {
                    removed++;
                }
            }
        }
        int pruned = dedupe == null ? 0 : dedupe.prune();
        Report report = new Report(expired, removed, pruned);
        LOG.info("retention: expired {} pending entry(ies) older than {}, removed {} delivery record(s) older than {}, "
                + "pruned {} dedupe id(s){}", expired, human(maxAge), removed, human(auditRetention), pruned,
                dedupe == null ? " (the running router prunes its own)" : "");
        return report;
    }

    private static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        return d.toSeconds() + "s";
    }
}
