package org.agentcellphone.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agentcellphone.store.DeliveryLedger;

/**
 * The delivery records as the open page asks for them every few seconds: of each record only what the lists need is
 * kept (a few fields, not the record), and a file is parsed again only when its size or time changed, so a refresh
 * costs a listing, and a home with a month of records costs little memory. A shown message's records are read whole
 * ({@link #full}).
 */
final class RecordCache {

    /** What the console keeps of one delivery record. */
    record Summary(Path file, String id, String recipient, String from, long seq, String deliveredAt,
                   boolean ackRequired, String inReplyTo) {
    }

    private record Seen(FileTime modified, long size, Summary summary) {
    }

    /** A folder unchanged for this long before it was listed cannot have changed unseen within its time's tick. */
    private static final long QUIET_MILLIS = 1000;

    private final Path folder;
    private final DeliveryLedger ledger;
    private final Map<Path, Seen> seen = new HashMap<>();
    private FileTime listedFolderTime;
    private long listedAt;
    private List<Summary> listed = List.of();

    RecordCache(Path folder, DeliveryLedger ledger) {
        this.folder = folder;
        this.ledger = ledger;
    }

    /**
     * Every record's summary. When the folder's time has not moved since the last listing (no record written,
     * replaced or removed: each is a rename or an unlink in it), and it was quiet when listed, that listing stands.
     */
    synchronized List<Summary> all() throws IOException {
        FileTime folderTime;
        try {
            folderTime = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException nothingDeliveredYet) {
            return List.of();
        }
        if (folderTime.equals(listedFolderTime) && listedAt - folderTime.toMillis() > QUIET_MILLIS) {
            return listed;
        }
        long now = System.currentTimeMillis();
        List<Path> files = ledger.files();
        seen.keySet().retainAll(new HashSet<>(files));
        List<Summary> summaries = new ArrayList<>(files.size());
        for (Path file : files) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException removed) {
                continue;
            }
            if (!attrs.isRegularFile()) {
                continue;
            }
            Seen known = seen.get(file);
            if (known == null || !known.modified().equals(attrs.lastModifiedTime()) || known.size() != attrs.size()) {
                Summary summary = DeliveryLedger.read(file).map(r -> summary(file, r)).orElse(null);
                if (summary == null) {
                    seen.remove(file);
                    continue;
                }
                known = new Seen(attrs.lastModifiedTime(), attrs.size(), summary);
                seen.put(file, known);
            }
            summaries.add(known.summary());
        }
        listedFolderTime = folderTime;
        listedAt = now;
        listed = List.copyOf(summaries);
        return listed;
    }

    /** The whole record a summary stands for; empty when it is gone meanwhile (retention). */
    static Optional<JsonNode> full(Summary summary) {
        return DeliveryLedger.read(summary.file());
    }

    private static Summary summary(Path file, JsonNode r) {
        String id = r.path("id").asText(null);
        if (id == null) {
            return null;
        }
        // a few dozen names recur in every record: kept once each
        String from = r.path("from").asText(null);
        return new Summary(file, id, r.path("recipient").asText().intern(), from == null ? null : from.intern(),
                r.path("seq").asLong(Long.MAX_VALUE), r.path("delivered_at").asText(""),
                r.path("ack_required").asBoolean(false), r.path("in_reply_to").asText(null));
    }
}
