package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.files.DurableFiles;

/** {@code message_queue/pending/}: one durable file per accepted (message, recipient) until it is delivered. */
public final class PendingStore {

    /** No entry the router writes comes near this; a larger file in an entry folder is not an entry. */
    public static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

    private final Home home;
    private final Path dir;

    public PendingStore(Home home) {
        this.home = home;
        this.dir = home.pending();
    }

    /**
     * Writes the entry atomically but without fsync: intake makes a whole batch durable at once
     * ({@link IntakeBatch#flush()}) before the entries are delivered or their drops deleted.
     */
    public PendingEntry write(Envelope envelope) throws IOException {
        Path file = home.guard(dir).resolve(PendingEntry.fileName(envelope.seq(), envelope.message().priority(), envelope.recipient(),
                envelope.id()));
        DurableFiles.writeAtomically(file, Json.MAPPER.writeValueAsBytes(envelope));
        return new PendingEntry(file, envelope.seq(), envelope.message().priority(), envelope.recipient(), envelope.id());
    }

    /** The entry's message, or null when its file is gone (delivered or removed by an operator). */
    public Envelope read(PendingEntry entry) throws IOException {
        try {
            home.guard(entry.file().getParent());
            return Json.MAPPER.readValue(DurableFiles.readAtMost(entry.file(), MAX_ENTRY_BYTES), Envelope.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes a delivered entry; false when it was no longer there (taken by retention or an operator). */
    public boolean remove(PendingEntry entry) throws IOException {
        home.guard(entry.file().getParent());
        return Files.deleteIfExists(entry.file());
    }

    /**
     * Moves every entry an operator handed back (a folder such as {@code requeue/}) into pending, under its own name,
     * and returns them in delivery order. The entries arrive there durable; the rename is made durable here.
     */
    public List<PendingEntry> adopt(Path handedBack) throws IOException {
        List<PendingEntry> adopted = new ArrayList<>();
        home.guard(dir);
        for (PendingEntry entry : list(home, handedBack)) {
            Path target = dir.resolve(entry.file().getFileName());
            Files.move(entry.file(), target, StandardCopyOption.ATOMIC_MOVE);
            adopted.add(new PendingEntry(target, entry.seq(), entry.priority(), entry.recipient(), entry.id()));
        }
        if (!adopted.isEmpty()) {
            DurableFiles.syncDirectory(dir);
            DurableFiles.syncDirectory(handedBack);
            adopted.sort(PendingEntry.DELIVERY_ORDER);
        }
        return adopted;
    }

    /** Every entry in the folder, in no particular order. */
    public List<PendingEntry> list() throws IOException {
        return list(home, dir);
    }

    /**
     * Every entry in a folder of entries (pending, held, requeue), in no particular order; none when the folder does
     * not exist yet (a home no router has started on). A folder replaced by a link is refused.
     */
    public static List<PendingEntry> list(Home home, Path dir) throws IOException {
        List<PendingEntry> entries = new ArrayList<>();
        try (var files = Files.newDirectoryStream(home.guard(dir), "*.json")) {
            for (Path file : files) {
                PendingEntry entry = PendingEntry.parse(file);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException notYetCreated) {
            return entries;
        }
        return entries;
    }
}
