package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.Home;
import org.agentcellphone.queue.AcceptanceClock;
import org.agentcellphone.queue.PendingEntry;

/**
 * Finds the inbox file of an entry whose delivery record is missing (a crash between the two, or an entry an
 * operator set aside while it was being delivered): same id, written after the entry was accepted. Each inbox is
 * listed once.
 */
public final class DeliveredCopies {

    private final Home home;
    private final Map<String, Map<String, List<Path>>> byRecipient = new HashMap<>();

    public DeliveredCopies(Home home) {
        this.home = home;
    }

    /** The entry's inbox file, or null when it was never delivered. */
    public Path find(PendingEntry entry) throws IOException {
        Map<String, List<Path>> byId = byRecipient.get(entry.recipient());
        if (byId == null) {
            byId = new HashMap<>();
            Path inbox = home.inbox(entry.recipient());
            if (Files.isDirectory(inbox)) {
                try (var files = Files.newDirectoryStream(inbox, "*.md")) {
                    for (Path file : files) {
                        String id = InboxFormat.idOf(file.getFileName().toString());
                        if (id != null) {
                            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(file);
                        }
                    }
                }
            }
            byRecipient.put(entry.recipient(), byId);
        }
        Instant accepted = AcceptanceClock.toInstant(entry.seq()).minusSeconds(1);
        for (Path file : byId.getOrDefault(entry.id(), List.of())) {
            Instant at = InboxFormat.timeOf(file.getFileName().toString());
            if (at != null && !at.isBefore(accepted)) {
                return file;
            }
        }
        return null;
    }
}
