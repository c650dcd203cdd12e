package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.AcceptanceClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;

/** Counts per state, read from the folders themselves: what {@code ls} shows is what the stats say. */
public final class QueueStats {

    /**
     * The queue at one moment, as {@code stats} prints it.
     *
     * @param handedBack    entries an operator handed back; the router adopts them into pending within moments
     * @param guiTyping     delivered to the inbox, still to be typed into the chat window
     * @param waitingByAge  what waits (outbox drops by their write time, pending entries by acceptance time), by age
     */
    public record Snapshot(long outbox, long pending, long pendingUrgent, long pendingRegular, long handedBack,
                           long held, long guiTyping, long tmuxWaking, long delivered, long failed,
                           long duplicates, long total,
                           String oldestPending, String newestPending, Map<String, Long> waitingByAge) {
    }

    private QueueStats() {
    }

    /** Upper bounds of the age histogram's buckets; what is older falls in the last one. */
    private static final Duration[] AGE_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofHours(6), Duration.ofDays(1)};
    private static final String[] AGE_LABELS = {"<=1m", "<=5m", "<=15m", "<=60m", "<=6h", "<=1d", "older"};

    public static Snapshot read(Home home, Roster roster) throws IOException {
        Instant now = Instant.now();
        long[] ages = new long[AGE_LABELS.length];
        long outbox = 0;
        for (Path dir : outboxes(home, roster)) {
            for (Path drop : files(dir, QueueStats::isDrop)) {
                try {
                    ages[bucket(Files.getLastModifiedTime(drop).toInstant(), now)]++;
                    outbox++;
                } catch (NoSuchFileException taken) {
                    // read by the router meanwhile
                }
            }
        }
        long urgent = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        // entries an operator handed back wait too: the router adopts them into pending within moments
        List<PendingEntry> handedBack = PendingStore.list(home, home.requeue());
        List<PendingEntry> waiting = new ArrayList<>(PendingStore.list(home, home.pending()));
        waiting.addAll(handedBack);
        long pending = waiting.size();
        for (PendingEntry entry : waiting) {
            if (entry.priority() == Priority.URGENT) {
                urgent++;
            }
            oldest = Math.min(oldest, entry.seq());
            newest = Math.max(newest, entry.seq());
            ages[bucket(AcceptanceClock.toInstant(entry.seq()), now)]++;
        }
        long held = PendingStore.list(home, home.held()).size();
        long guiTyping = PendingStore.list(home, home.gui()).size();
        long tmuxWaking = PendingStore.list(home, home.wake()).size();
        long delivered = files(home.delivered(), name -> name.endsWith(".json")).size();
        long failed = files(home.failed(), name -> !name.endsWith(DeadLetter.REASON_SUFFIX)).size();
        long duplicates = lines(home.state().resolve("duplicates.log"));

        Map<String, Long> histogram = new LinkedHashMap<>();
        for (int i = 0; i < AGE_LABELS.length; i++) {
            histogram.put(AGE_LABELS[i], ages[i]);
        }
        return new Snapshot(outbox, pending, urgent, pending - urgent, handedBack.size(), held, guiTyping, tmuxWaking,
                delivered, failed, duplicates, outbox + pending + held + delivered + failed,
                pending == 0 ? null : AcceptanceClock.toInstant(oldest).toString(),
                pending == 0 ? null : AcceptanceClock.toInstant(newest).toString(), histogram);
    }

    /**
     * What counts against {@code cellphone.queue.max-size} before a send: drops waiting in the outboxes plus
     * entries waiting for delivery (held entries are set aside and do not count).
     */
    /**
     * Delivered messages that asked for an acknowledgement not given yet. It reads every delivery record, so it is
     * not part of {@link #read} (which {@code drain} calls ten times a second).
     */
    public static long awaitingAck(Home home) throws IOException {
        Receipts receipts = new Receipts(home);
        long n = 0;
        for (JsonNode record : new DeliveryLedger(home).records()) {
            if (record.path("ack_required").asBoolean(false)
                    && receipts.ackedOf(record.path("id").asText(), record.path("recipient").asText()).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    public static long waiting(Home home, Roster roster) throws IOException {
        long n = PendingStore.list(home, home.pending()).size() + PendingStore.list(home, home.requeue()).size();
        for (Path dir : outboxes(home, roster)) {
            n += countDrops(dir);
        }
        return n;
    }

    private static List<Path> outboxes(Home home, Roster roster) {
        List<Path> dirs = new ArrayList<>(List.of(home.outbox(), home.urgentOutbox()));
        roster.ids().forEach(agent -> dirs.add(home.agentOutbox(agent)));
        return dirs;
    }

    private static int bucket(Instant at, Instant now) {
        Duration age = Duration.between(at, now);
        for (int i = 0; i < AGE_BUCKETS.length; i++) {
            if (age.compareTo(AGE_BUCKETS[i]) <= 0) {
                return i;
            }
        }
        return AGE_BUCKETS.length;
    }

    private static boolean isDrop(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.endsWith(".tmp") && !lower.endsWith(".part") && !lower.endsWith(".camellock");
    }

    /** Drops waiting in an outbox: not hidden, not a temporary or lock file. */
    public static long countDrops(Path dir) throws IOException {
        return files(dir, QueueStats::isDrop).size();
    }

    /** The plain files of a folder that are not hidden and whose names pass; none when it does not exist. */
    private static List<Path> files(Path dir, Predicate<String> include) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && include.test(name) && !Files.isDirectory(file)) {
                    found.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        }
        return found;
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
