package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.files.DurableFiles;

/**
 * {@code message_queue/delivered/}: one record per delivered (message, recipient), named
 * {@code <id>.<recipient>.json} so that {@code --wait} and recovery find it without a scan.
 */
public final class DeliveryLedger {

    /** Records are small; a larger file under a record's name is not one. */
    private static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

    private final Home home;
    private final Path dir;

    public DeliveryLedger(Home home) {
        this.home = home;
        this.dir = home.delivered();
    }

    /**
     * In a record copied from the host that delivered it (several hosts): that host's name. Its inbox file is
     * there, not in this home.
     */
    public static final String COPIED_FROM = "copied_from";

    /** A record as written: its file, and its bytes (what a shared store keeps of it, without reading it back). */
    public record Written(Path file, byte[] json) {
    }

    public static String recordName(String id, String recipient) {
        return id + "." + recipient + ".json";
    }

    /**
     * Writes the record atomically. It is not fsynced: the inbox file is the durable proof of delivery, and recovery
     * rebuilds a lost record from it.
     */
    public Written record(Envelope e, Path inboxFile, int attempts, Instant deliveredAt, String inboxRelative)
            throws IOException {
        return record(e, inboxFile, attempts, deliveredAt, inboxRelative, "none");
    }

    /**
     * As above; {@code wake} is how the recipient is woken ({@code none}, {@code gui}, {@code tmux}). A message typed
     * into a chat window also carries the state of GUI typing ({@code gui.status: waiting} until typed).
     */
    public Written record(Envelope e, Path inboxFile, int attempts, Instant deliveredAt, String inboxRelative,
                          String wake) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", e.id());
        record.put("recipient", e.recipient());
        record.put("from", e.message().from());
        if (e.message().claimedFrom() != null) {
            record.put("claimed_from", e.message().claimedFrom());
        }
        record.put("priority", e.message().priority().wire());
        record.put("type", e.message().type().wire());
        record.put("subject", e.message().subject());
        record.put("preview", preview(e.message().content()));
        if (e.message().asksForAck()) {
            record.put("ack_required", true);
        }
        if (e.message().inReplyTo() != null) {
            record.put("in_reply_to", e.message().inReplyTo());
        }
        record.put("mode", e.message().mode());
        record.put("seq", e.seq());
        record.put("accepted_at", e.timestamp());
        record.put("delivered_at", deliveredAt.toString());
        record.put("attempts", attempts);
        record.put("inbox_file", inboxRelative);
        record.put("source", e.source());
        record.put("wake", wake);
        if ("gui".equals(wake)) {
            record.put("gui", Map.of("status", "waiting"));
        }
        if (e.history() != null) {
            // earlier trips through the dead letter, kept when an operator requeued the entry
            record.put("history", e.history());
        }
        Path target = home.guard(dir).resolve(recordName(e.id(), e.recipient()));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isRecordOf(target, e.seq())) {
            // the same id delivered again after its dedupe window: keep the older record too
            target = laterRecord(e.id(), e.recipient(), e.seq());
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(record);
        DurableFiles.writeAtomically(target, json);
        return new Written(target, json);
    }

    /** The first line of the content with text, clipped: what a listing of an inbox shows when there is no subject. */
    public static String preview(String content) {
        // line by line from the start: a large message is not split whole
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            int stop = end < 0 ? content.length() : end;
            String text = content.substring(start, Math.min(stop, start + 400)).strip();
            if (!text.isEmpty()) {
                return text.length() <= 100 ? text : text.substring(0, 99) + "…";
            }
            start = stop + 1;
        }
        return "";
    }

    /**
     * Every delivery record, in no particular order; none on a home where nothing was delivered yet. A record being
     * written right now, or damaged, is not one.
     */
    public List<JsonNode> records() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (Path file : files()) {
            read(file).ifPresent(records::add);
        }
        return records;
    }

    /** The record files, unread; none on a home where nothing was delivered yet. */
    public List<Path> files() throws IOException {
        List<Path> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(home.guard(dir), "*.json")) {
            files.forEach(found::add);
        } catch (NoSuchFileException nothingDeliveredYet) {
            return found;
        }
        return found;
    }

    /** One record file read (never through a link); empty when it is being written, damaged or gone. */
    public static Optional<JsonNode> read(Path file) {
        try {
            return Optional.of(Json.MAPPER.readTree(DurableFiles.readAtMost(file, MAX_RECORD_BYTES)));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The records of one (message, recipient): the plain one, and those of the same id delivered again later. */
    public List<JsonNode> recordsOf(String id, String recipient) throws IOException {
        return matching(id + "." + recipient + "*.json", id, recipient);
    }

    /** The records of one message, for each of its recipients. */
    public List<JsonNode> recordsOf(String id) throws IOException {
        return matching(id + ".*.json", id, null);
    }

    /** The records of what was delivered to one agent (agent ids hold no dot: the name ends with it, or with a seq). */
    public List<JsonNode> recordsFor(String recipient) throws IOException {
        List<JsonNode> found = new ArrayList<>(matching("*." + recipient + ".json", null, recipient));
        found.addAll(matching("*." + recipient + ".[0-9]*.json", null, recipient));
        return found;
    }

    private List<JsonNode> matching(String glob, String id, String recipient) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(home.guard(dir), glob)) {
            for (Path file : files) {
                try {
                    JsonNode r = Json.MAPPER.readTree(DurableFiles.readAtMost(file, MAX_RECORD_BYTES));
                    if ((id == null || id.equals(r.path("id").asText()))
                            && (recipient == null || recipient.equals(r.path("recipient").asText()))) {
                        found.add(r);
                    }
                } catch (IOException unreadable) {
                    // not a record
                }
            }
        } catch (NoSuchFileException nothingDeliveredYet) {
            return found;
        }
        return found;
    }

    /** Sets the outcome of GUI typing in the record of an entry delivered in GUI mode. */
    public void guiOutcome(PendingEntry entry, Map<String, Object> gui) throws IOException {
        Path target = recordOf(entry);
        ObjectNode record;
        try {
            record = (ObjectNode) Json.MAPPER.readTree(DurableFiles.readAtMost(target, MAX_RECORD_BYTES));
        } catch (NoSuchFileException removedByRetention) {
            return;
        }
        record.set("gui", Json.MAPPER.valueToTree(gui));
        DurableFiles.writeAtomically(target, Json.MAPPER.writeValueAsBytes(record));
    }

    /** Whether this pending entry's delivery was already recorded. */
    public boolean isRecorded(PendingEntry entry) throws IOException {
        return Files.exists(recordOf(entry), LinkOption.NOFOLLOW_LINKS);
    }

    /** Where this entry's record is, or would be: under the plain name, or the later one when that holds another. */
    private Path recordOf(PendingEntry entry) throws IOException {
        Path plain = home.guard(dir).resolve(recordName(entry.id(), entry.recipient()));
        return isRecordOf(plain, entry.seq()) ? plain : laterRecord(entry.id(), entry.recipient(), entry.seq());
    }

    /** The name of a record for an id delivered again after its dedupe window. */
    private Path laterRecord(String id, String recipient, long seq) {
        return dir.resolve(id + "." + recipient + "." + seq + ".json");
    }

    private static boolean isRecordOf(Path record, long seq) throws IOException {
        try {
            return Json.MAPPER.readTree(DurableFiles.readAtMost(record, MAX_RECORD_BYTES)).path("seq").asLong(-1) == seq;
        } catch (NoSuchFileException e) {
            return false;
        } catch (java.nio.file.FileSystemException | com.fasterxml.jackson.core.JsonProcessingException notARecord) {
            // a link or a stray file under a record's name: not the record of this entry
            return false;
        }
    }
}
