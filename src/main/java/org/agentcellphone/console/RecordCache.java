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
import org.agentcellphone.store.DeliveryLedger;

/**
 * The delivery records as the open page asks for them every few seconds: each file is parsed again only when its
 * size or time changed, so a refresh costs a listing, not a read of the whole audit trail.
 */
final class RecordCache {

    private record Seen(FileTime modified, long size, JsonNode record) {
    }

    private final DeliveryLedger ledger;
    private final Map<Path, Seen> seen = new HashMap<>();

    RecordCache(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    synchronized List<JsonNode> all() throws IOException {
        List<Path> files = ledger.files();
        seen.keySet().retainAll(new HashSet<>(files));
        List<JsonNode> records = new ArrayList<>(files.size());
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
                JsonNode record = DeliveryLedger.read(file).orElse(null);
                if (record == null) {
                    seen.remove(file);
                    continue;
                }
                known = new Seen(attrs.lastModifiedTime(), attrs.size(), record);
                seen.put(file, known);
            }
            records.add(known.record());
        }
        return records;
    }
}
