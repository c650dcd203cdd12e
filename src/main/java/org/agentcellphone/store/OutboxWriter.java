package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Json;
import org.agentcellphone.files.DurableFiles;

/**
 * Sends by dropping a JSON file into the shared outbox, as every sender is told to: temp name, fsync, rename,
 * folder fsync. No router needed.
 */
public final class OutboxWriter {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OutboxWriter() {
    }

    /** A new message id: the time, then random hex, so ids sort by sending time and never collide. */
    public static String newId() {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        return "m-" + STAMP.format(Instant.now()).replace(".", "") + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Writes the drop and returns its path. {@code fields} hold the JSON drop's fields (nulls left out). An urgent
     * message goes to the shared outbox's urgent lane, which the router reads ahead of any backlog of other drops.
     */
    public static Path drop(Home home, String id, boolean urgent, Map<String, Object> fields) throws IOException {
        return write(home, id, urgent, encode(id, fields));
    }

    /** The drop's bytes: its id first, then the fields that are set (nulls and empty lists left out). */
    public static byte[] encode(String id, Map<String, Object> fields) throws IOException {
        Map<String, Object> drop = new LinkedHashMap<>();
        drop.put("id", id);
        fields.forEach((key, value) -> {
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                drop.put(key, value);
            }
        });
        return Json.MAPPER.writeValueAsBytes(drop);
    }

    /** Writes a drop {@link #encode} made: temp name, fsync, rename, folder fsync. */
    public static Path write(Home home, String id, boolean urgent, byte[] drop) throws IOException {
        Path outbox = urgent ? home.urgentOutbox() : home.outbox();
        home.createFolders(outbox);
        Path tmp = DurableFiles.writeTemp(outbox, drop, true);
        Path target = outbox.resolve(STAMP.format(Instant.now()) + "-" + id + ".json");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(outbox);
        return target;
    }
}
