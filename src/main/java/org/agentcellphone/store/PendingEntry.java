package org.agentcellphone.store;

import java.nio.file.Path;
import org.agentcellphone.model.Priority;

/**
 * A waiting delivery as the delivery lanes see it: where its file is and what orders it. The message itself stays
 * on disk until it is delivered, so a large backlog costs little memory.
 *
 * <p>File name: {@code <seq>.<u|r>.<recipient>.<id>.json} — everything recovery needs, without reading the file.
 */
public record PendingEntry(Path file, long seq, Priority priority, String recipient, String id) {

    /** Delivery order: urgent before regular, then acceptance order. */
    public static final java.util.Comparator<PendingEntry> DELIVERY_ORDER =
            java.util.Comparator.comparing(PendingEntry::priority).thenComparingLong(PendingEntry::seq);

    private static final String SUFFIX = ".json";

    public static String fileName(long seq, Priority priority, String recipient, String id) {
        return String.format("%017d.%c.%s.%s%s", seq, priority.code(), recipient, id, SUFFIX);
    }

    /** Parses a pending file name; null for names that are not entries (temporary files, strays). */
    public static PendingEntry parse(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || !name.endsWith(SUFFIX)) {
            return null;
        }
        String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("\\.", 4);
        if (parts.length != 4 || parts[1].length() != 1 || parts[3].isEmpty()) {
            return null;
        }
        try {
            return new PendingEntry(file, Long.parseLong(parts[0]), Priority.fromCode(parts[1].charAt(0)), parts[2],
                    parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String dedupeKey() {
        return recipient + "/" + id;
    }
}
