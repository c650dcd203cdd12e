package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.Sanitize;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.AcceptanceClock;

/**
 * {@code message_queue/failed/}: what cannot be delivered, each entry next to {@code <entry>.reason.json}
 * = {code, detail, source, attempts, failed_at, and id, recipient or drop when known}. Nothing is deleted in silence.
 */
public final class DeadLetter {

    public static final String REASON_SUFFIX = ".reason.json";

    /**
     * Why an entry is in the dead letter, as {@code <entry>.reason.json} says.
     *
     * @param id        the message id, when it was known
     * @param recipient the recipient whose delivery failed, for a pending entry
     * @param drop      the name the drop had in its outbox, for a rejected drop
     */
    public record Reason(String code, String detail, String source, int attempts, String failedAt, String id,
                         String recipient, String drop) {

        /** Reads a reason file; empty when it is gone, damaged or not a reason. */
        public static Optional<Reason> read(Path file) {
            try {
                JsonNode r = Json.MAPPER.readTree(DurableFiles.readAtMost(file, 1 << 20));
                return Optional.of(new Reason(r.path("code").asText(null), r.path("detail").asText(null),
                        r.path("source").asText(null), r.path("attempts").asInt(), r.path("failed_at").asText(null),
                        r.path("id").asText(null), r.path("recipient").asText(null), r.path("drop").asText(null)));
            } catch (IOException notAReason) {
                return Optional.empty();
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final Path dir;
    private final AcceptanceClock clock;
    private final Metrics metrics;

    public DeadLetter(Home home, AcceptanceClock clock, Metrics metrics) {
        this.home = home;
        this.dir = home.failed();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Moves a rejected drop into the dead letter under a unique name derived from its own: the file itself, so it
     * stays byte for byte what was dropped (a link stays the link, unfollowed). The reason is written first; a crash
     * in between leaves the drop in its outbox and an orphan reason that recovery removes.
     */
    public Path reject(Drop drop, Rejection rejection) throws IOException {
        Path entry = home.guard(dir).resolve(String.format("%017d_%s", clock.next(), safeName(drop.fileName())));
        writeReason(entry, new Reason(rejection.code().code(), rejection.detail(), drop.folder(), 0, null, null, null,
                drop.fileName()));
        home.guard(drop.file().getParent());
        Files.move(drop.file(), entry, StandardCopyOption.ATOMIC_MOVE);
        metrics.deadLettered(rejection.code());
        LOG.warn("dead-lettered drop {} from {}: {} ({})", drop.fileName(), drop.folder(), rejection.code().code(),
                rejection.detail());
        return entry;
    }

    /** Writes a dead-letter entry made by the router itself (an unknown recipient of an accepted message). */
    public Path add(String name, byte[] content, Rejection rejection, String source, String id) throws IOException {
        Path entry = home.guard(dir).resolve(String.format("%017d_%s", clock.next(), name));
        writeReason(entry, new Reason(rejection.code().code(), rejection.detail(), source, 0, null, id, null, null));
        DurableFiles.writeDurably(entry, content);
        metrics.deadLettered(rejection.code());
        LOG.warn("dead-lettered {} ({}): {} ({})", id, source, rejection.code().code(), rejection.detail());
        return entry;
    }

    /**
     * Moves a pending entry into the dead letter. The reason is written first: a crash in between leaves the entry
     * pending (it is retried after restart), never a dead entry without its reason. Throws
     * {@link NoSuchFileException} when the entry left pending meanwhile (its reason is then removed again).
     */
    public Path movePending(PendingEntry pending, Rejection rejection, int attempts) throws IOException {
        Path entry = home.guard(dir).resolve(pending.file().getFileName());
        writeReason(entry, new Reason(rejection.code().code(), rejection.detail(), "message_queue/pending", attempts,
                null, pending.id(), pending.recipient(), null));
        try {
            Files.move(pending.file(), entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException deliveredMeanwhile) {
            // its lane finished it (or an operator took it) between the reason and the move: not dead after all —
            // unless another mover (a second retention run) put it into the dead letter first: its reason stays
            if (!Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(reasonOf(entry));
            }
            throw deliveredMeanwhile;
        }
        metrics.deadLettered(rejection.code());
        LOG.warn("dead-lettered {} for {} after {} attempt(s): {} ({})", pending.id(), pending.recipient(), attempts,
                rejection.code().code(), rejection.detail());
        return entry;
    }

    /**
     * Takes back the dead copy of an entry its lane delivered while retention expired it: moved to {@code to} (the
     * GUI job still to type) or removed. False when no expired copy of it is in the dead letter.
     */
    public boolean takeBackExpired(PendingEntry delivered, Path to) throws IOException {
        Path entry = home.guard(dir).resolve(delivered.file().getFileName());
        Optional<Reason> reason = Reason.read(reasonOf(entry));
        if (reason.isEmpty() || !ReasonCode.EXPIRED.code().equals(reason.get().code())) {
            return false;
        }
        if (to == null) {
            Files.deleteIfExists(entry);
        } else {
            Files.move(entry, to, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(reasonOf(entry));
        LOG.warn("{} for {} was delivered while retention expired it: its dead-letter copy is taken back",
                delivered.id(), delivered.recipient());
        return true;
    }

    /** Removes a dead-letter entry and its reason for good; false when it was not there. */
    public boolean remove(Path entry) throws IOException {
        home.guard(entry.getParent());
        Files.deleteIfExists(reasonOf(entry));
        boolean removed = Files.deleteIfExists(entry);
        DurableFiles.syncDirectory(entry.getParent());
        return removed;
    }

    /** Where the reason of a dead-letter entry is: next to it. */
    public static Path reasonOf(Path entry) {
        return entry.resolveSibling(entry.getFileName() + REASON_SUFFIX);
    }

    /** Writes the reason next to the entry; the time of failure is now. Fields without a value are left out. */
    private void writeReason(Path entry, Reason reason) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", reason.code());
        fields.put("detail", reason.detail());
        fields.put("source", reason.source());
        fields.put("attempts", reason.attempts());
        fields.put("failed_at", Instant.now().toString());
        putIfSet(fields, "id", reason.id());
        putIfSet(fields, "recipient", reason.recipient());
        putIfSet(fields, "drop", reason.drop());
        DurableFiles.writeDurably(reasonOf(entry), Json.MAPPER.writeValueAsBytes(fields));
    }

    private static void putIfSet(Map<String, Object> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    /** Keeps the extension (so the format stays visible) and makes the rest safe. */
    private static String safeName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot > 0 ? fileName.substring(dot + 1) : "";
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String safeExt = ext.isEmpty() ? "" : "." + Sanitize.forFileName(ext, 16);
        return Sanitize.forFileName(base, 100) + safeExt;
    }
}
