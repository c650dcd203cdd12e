package org.agentcellphone.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.agentcellphone.Home;
import org.agentcellphone.agents.Roster;

/** Counts per state, read from the folders themselves: what {@code ls} shows is what the stats say. */
public final class QueueStats {

    private QueueStats() {
    }

    public static Map<String, Object> read(Home home, Roster roster) throws IOException {
        long outbox = countDrops(home.outbox()) + countDrops(home.urgentOutbox());
        for (String agent : roster.ids()) {
            outbox += countDrops(home.agentOutbox(agent));
        }
        long pending = 0;
        long urgent = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (PendingEntry entry : new PendingStore(home.pending()).list()) {
            pending++;
            if (entry.priority() == org.agentcellphone.model.Priority.URGENT) {
                urgent++;
            }
            oldest = Math.min(oldest, entry.seq());
            newest = Math.max(newest, entry.seq());
        }
        long delivered = count(home.delivered(), name -> name.endsWith(".json"));
        long failed = count(home.failed(), name -> !name.endsWith(DeadLetter.REASON_SUFFIX));
        long duplicates = lines(home.state().resolve("duplicates.log"));

        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("outbox", outbox);
        stats.put("pending", pending);
        stats.put("pending_urgent", urgent);
        stats.put("pending_regular", pending - urgent);
        stats.put("delivered", delivered);
        stats.put("failed", failed);
        stats.put("duplicates", duplicates);
        stats.put("total", outbox + pending + delivered + failed);
        stats.put("oldest_pending", pending == 0 ? null : AcceptanceClock.toInstant(oldest).toString());
        stats.put("newest_pending", pending == 0 ? null : AcceptanceClock.toInstant(newest).toString());
        return stats;
    }

    /** Drops waiting in an outbox: not hidden, not a temporary or lock file. */
    public static long countDrops(Path dir) throws IOException {
        return count(dir, name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            return !lower.endsWith(".tmp") && !lower.endsWith(".part") && !lower.endsWith(".camellock");
        });
    }

    private static long count(Path dir, java.util.function.Predicate<String> include) throws IOException {
        long n = 0;
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && include.test(name) && !Files.isDirectory(file)) {
                    n++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return n;
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
