package org.agentcellphone.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * The id of a drop whose sender gave none: a hash of where the drop was, its name, its mtime and its bytes: stable for the same file read twice
     * (after a crash), different for two drops with equal text (different names or times).
     */
    public String derivedId() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((folder + '\0' + fileName + '\0' + lastModified + '\0')
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
            return "d-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String source() {
        return folder + "/" + fileName;
    }
}
