package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.agentcellphone.config.Durations;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final MessageStore store;
    private final Home home;
    private final DedupeJournal dedupe;
    private final Duration maxAge;
    private final Duration auditRetention;

    /** {@code dedupe} is null when another process (the running router) owns the journal. */
    public Retention(MessageStore store, Home home, DedupeJournal dedupe, Duration maxAge, Duration auditRetention) {
        this.store = store;
        this.home = home;
        this.dedupe = dedupe;
        this.maxAge = maxAge;
        this.auditRetention = auditRetention;
    }

    public Report run() throws IOException {
        Instant now = Instant.now();
        int expired = store.expire(maxAge, now);
        long recordsBefore = now.minus(auditRetention).toEpochMilli();
        int removed = removeOlder(home.delivered(), recordsBefore);
        // the receipts of a delivery go with its record (the same age: each is written after its delivery)
        removeOlder(home.receipts(), recordsBefore);
        // a shared store keeps a row per delivered id to deduplicate across hosts: forgotten after the same window
        int pruned = dedupe == null ? 0 : dedupe.prune() + store.forgetDelivered(now.minus(dedupe.window()));
        Report report = new Report(expired, removed, pruned);
        LOG.info("retention: expired {} pending entry(ies) older than {}, removed {} delivery record(s) older than {}, "
                + "pruned {} dedupe id(s){}", expired, Durations.human(maxAge), removed,
                Durations.human(auditRetention), pruned, dedupe == null ? " (the running router prunes its own)" : "");
        return report;
    }

    private static int removeOlder(Path dir, long before) throws IOException {
        int removed = 0;
        try (var files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < before
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (java.nio.file.NoSuchFileException none) {
            return removed;
        }
        return removed;
    }
}
