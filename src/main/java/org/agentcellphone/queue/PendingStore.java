package org.agentcellphone.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;

/** {@code message_queue/pending/}: one durable file per accepted (message, recipient) until it is delivered. */
public final class PendingStore {

    private final Path dir;

    public PendingStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the entry atomically but without fsync: intake makes a whole batch durable at once
     * ({@link IntakeBatch#flush()}) before the entries are delivered or their drops deleted.
     */
    public PendingEntry write(Envelope envelope) throws IOException {
        Path file = dir.resolve(PendingEntry.fileName(envelope.seq(), envelope.priority(), envelope.recipient(),
                envelope.id()));
        DurableFiles.writeAtomically(file, Json.MAPPER.writeValueAsBytes(envelope));
        return new PendingEntry(file, envelope.seq(), envelope.priority(), envelope.recipient(), envelope.id());
    }

    /** The entry's message, or null when its file is gone (delivered or removed by an operator). */
    public Envelope read(PendingEntry entry) throws IOException {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(entry.file()), Envelope.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public void remove(PendingEntry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    /**
     * Moves every entry an operator handed back (a folder such as {@code requeue/}) into pending, under its own name,
     * and returns them in delivery order. The entries arrive there durable; the rename is made durable here.
     */
    public List<PendingEntry> adopt(Path handedBack) throws IOException {
        List<PendingEntry> adopted = new ArrayList<>();
        for (PendingEntry entry : list(handedBack)) {
            Path target = dir.resolve(entry.file().getFileName());
            Files.move(entry.file(), target, StandardCopyOption.ATOMIC_MOVE);
            adopted.add(new PendingEntry(target, entry.seq(), entry.priority(), entry.recipient(), entry.id()));
        }
        if (!adopted.isEmpty()) {
            DurableFiles.syncDirectory(dir);
            DurableFiles.syncDirectory(handedBack);
            adopted.sort(DeliveryOrder.ENTRIES);
        }
        return adopted;
    }

    /** Every entry in the folder, in no particular order. */
    public List<PendingEntry> list() throws IOException {
        return list(dir);
    }

    /**
     * Every entry in a folder of entries (pending, held, requeue), in no particular order; none when the folder does
     * not exist yet (a home no router has started on).
     */
    public static List<PendingEntry> list(Path dir) throws IOException {
        List<PendingEntry> entries = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, "*.json")) {
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
