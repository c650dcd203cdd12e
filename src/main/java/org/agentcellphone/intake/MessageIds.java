package org.agentcellphone.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Message ids: the sender's own when valid, else one derived from the drop so that a re-read gives the same id. */
public final class MessageIds {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private MessageIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /**
     * Hash of where the drop was, its name, its mtime and its bytes: stable for the same file read twice
     * (after a crash), different for two drops with equal text (different names or times).
     */
    public static String derive(Drop drop) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((drop.folder() + '\0' + drop.fileName() + '\0' + drop.lastModified() + '\0')
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(drop.bytes());
            return "d-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
