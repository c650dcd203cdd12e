package org.agentcellphone.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.store.PendingEntry;

/**
 * Finds the inbox file of an entry whose delivery record is missing (a crash between the two, or an entry an
 * operator set aside while it was being delivered). A name is only where to look: the file counts as the entry's
 * copy when it is a regular file whose own header carries the entry's message id and acceptance timestamp — a file
 * an agent planted under such a name never makes a real message count as delivered. Each inbox is listed once.
 */
public final class DeliveredCopies {

    /** The header of an inbox file is within its first bytes; no more is read. */
    private static final long HEAD_BYTES = 64 * 1024;

    private final Home home;
    private final Map<String, Map<String, List<Path>>> byRecipient = new HashMap<>();

    public DeliveredCopies(Home home) {
        this.home = home;
    }

    /** The entry's inbox file, or null when it was never delivered ({@code envelope}: the entry's content). */
    public Path find(PendingEntry entry, Envelope envelope) throws IOException {
        if (envelope == null) {
            return null;
        }
        Map<String, List<Path>> byId = byRecipient.get(entry.recipient());
        if (byId == null) {
            byId = new HashMap<>();
            Path inbox = home.inbox(entry.recipient());
            try (var files = Files.newDirectoryStream(home.guard(inbox), "*.md")) {
                for (Path file : files) {
                    String id = InboxFormat.idOf(file.getFileName().toString());
                    if (id != null) {
                        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(file);
                    }
                }
            } catch (NoSuchFileException | Home.OutsideHome notReadable) {
                // no inbox to look in: the entry is delivered (or refused) anew
            }
            byRecipient.put(entry.recipient(), byId);
        }
        Instant accepted = AcceptanceClock.toInstant(entry.seq()).minusSeconds(1);
        for (Path file : byId.getOrDefault(entry.id(), List.of())) {
            Instant at = InboxFormat.timeOf(file.getFileName().toString());
            if (at != null && !at.isBefore(accepted) && isCopyOf(file, envelope)) {
                return file;
            }
        }
        return null;
    }

    /** Whether a file is the inbox copy of this entry (a regular file whose header names it). */
    static boolean isCopyOf(Path file, Envelope envelope) throws IOException {
        byte[] head;
        try {
            head = DurableFiles.readAtMost(file, HEAD_BYTES);
        } catch (FileSystemException goneOrNotARegularFile) {
            return false;
        }
        return InboxFormat.headerNames(new String(head, StandardCharsets.UTF_8), envelope);
    }
}
