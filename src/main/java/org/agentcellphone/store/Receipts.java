package org.agentcellphone.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Json;

/**
 * {@code message_queue/receipts/}: what became of a delivered (message, recipient) after its inbox file was durable
 * — how it was woken, when it was read, when acknowledged. One small file per step, named
 * {@code <id>.<recipient>.<step>.json} (agent ids hold no dot, so the name is unambiguous from its end).
 *
 * <p>Several processes write here (the router, an agent's {@code read} or {@code ack}, an MCP session), so no file is
 * ever read, changed and written back by two of them: {@code read} and {@code acked} are created once (link(2)
 * refuses a second), and the {@code wake} record has a single writer, the lane of the agent's pane. Every file and
 * the folder are fsynced: a state once reached survives a crash.
 */
public final class Receipts {

    private static final long MAX_RECEIPT_BYTES = 64 * 1024;

    /** Where waking stands: typing (started, not yet confirmed), notified, uncertain (a crash came between) or failed. */
    public enum WakeStatus {
        TYPING, NOTIFIED, UNCERTAIN, FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How the recipient was woken.
     *
     * @param by     {@code tmux} or {@code gui}
     * @param status {@code typing}, {@code notified}, {@code uncertain} or {@code failed}
     * @param at     when this status was reached (UTC)
     * @param reason why it failed or is uncertain, else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Wake(String id, String recipient, String by, String status, String at, String reason,
                       Integer attempts, Long millis) {

        public boolean is(WakeStatus s) {
            return s.wire().equals(status);
        }
    }

    /** When the recipient read it, and how: {@code cli} ({@code read}, {@code ack}), {@code file} (moved or deleted), {@code mcp}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Read(String id, String recipient, String at, String by) {
    }

    /** When the recipient acknowledged it; {@code replyId}: the id of its reply, if it sent one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acked(String id, String recipient, String at, String replyId) {
    }

    private final Home home;

    public Receipts(Home home) {
        this.home = home;
    }

    public static String name(String id, String recipient, String step) {
        return id + "." + recipient + "." + step + ".json";
    }

    /** Replaces the wake record (its one writer is the pane's lane, or recovery before the lanes start). */
    public void wake(Wake wake) throws IOException {
        Path dir = folder();
        DurableFiles.writeDurably(dir.resolve(name(wake.id(), wake.recipient(), "wake")),
                Json.MAPPER.writeValueAsBytes(wake));
        DurableFiles.syncDirectory(dir);
    }

    public Optional<Wake> wakeOf(String id, String recipient) throws IOException {
        return read(name(id, recipient, "wake"), Wake.class);
    }

    /** Marks it read; false when it already was (the first time counts). */
    public boolean markRead(Read read) throws IOException {
        return createOnce(name(read.id(), read.recipient(), "read"), Json.MAPPER.writeValueAsBytes(read));
    }

    public Optional<Read> readOf(String id, String recipient) throws IOException {
        return read(name(id, recipient, "read"), Read.class);
    }

    /** Marks it acknowledged; false when it already was. */
    public boolean markAcked(Acked acked) throws IOException {
        return createOnce(name(acked.id(), acked.recipient(), "acked"), Json.MAPPER.writeValueAsBytes(acked));
    }

    public Optional<Acked> ackedOf(String id, String recipient) throws IOException {
        return read(name(id, recipient, "acked"), Acked.class);
    }

    private boolean createOnce(String name, byte[] data) throws IOException {
        Path dir = folder();
        Path target = dir.resolve(name);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path tmp = DurableFiles.writeTemp(dir, data, true);
        try {
            if (!DurableFiles.publishNew(tmp, target)) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        DurableFiles.syncDirectory(dir);
        return true;
    }

    private <T> Optional<T> read(String name, Class<T> type) throws IOException {
        try {
            byte[] bytes = DurableFiles.readAtMost(home.guard(home.receipts()).resolve(name), MAX_RECEIPT_BYTES);
            return Optional.of(Json.MAPPER.readValue(bytes, type));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException notAReceipt) {
            // a stray or damaged file under a receipt's name, or a link planted there (never followed), is no receipt
            return Optional.empty();
        }
    }

    /** The names of every receipt there is, listed once: a caller asking of many files asks this set first. */
    public Set<String> names() throws IOException {
        Set<String> names = new HashSet<>();
        try (var files = Files.newDirectoryStream(home.guard(home.receipts()), "*.json")) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        } catch (NoSuchFileException none) {
            return names;
        }
        return names;
    }

    private Path folder() throws IOException {
        return home.createFolders(home.receipts());
    }
}
