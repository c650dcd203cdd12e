package org.agentcellphone.intake;

import java.nio.file.Path;
import org.agentcellphone.model.Rejection;

/**
 * A file taken from an outbox.
 *
 * @param folder       the outbox it came from, relative to the home ("message_queue/outbox")
 * @param fileName     its name as text (odd bytes shown as replacement characters); {@code file} is the real name
 * @param owner        the agent whose own outbox it is, or null for the shared outbox
 * @param bytes        its content, or null when it was refused unread ({@code unread})
 * @param lastModified the file's mtime in milliseconds; part of the derived id, so a re-read gives the same id
 * @param file         the file itself, as the folder listing named it
 * @param identity     what identifies the file (device and inode), so only this very file is deleted once taken
 * @param unread       why the drop is dead-lettered without being read (not a regular file, too large, unreadable);
 *                     the file itself then moves into the dead letter
 */
public record Drop(String folder, String fileName, String owner, byte[] bytes, long lastModified, Path file,
                   Object identity, Rejection unread) {

    /** A drop known only by its content (tests, tools): no file behind it. */
    public Drop(String folder, String fileName, String owner, byte[] bytes, long lastModified) {
        this(folder, fileName, owner, bytes, lastModified, null, null, null);
    }

    /** A file's identity from its {@code unix:dev,ino} attributes. */
    public static Object identity(java.util.Map<String, Object> stat) {
        return stat.get("dev") + ":" + stat.get("ino");
    }

    public String source() {
        return folder + "/" + fileName;
    }
}
