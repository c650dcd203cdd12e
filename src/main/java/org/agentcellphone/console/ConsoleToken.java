package org.agentcellphone.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;

/**
 * The console's secret: 32 random bytes in {@code message_queue/state/console.token}, readable by its owner only, made
 * at the router's first start and kept across restarts. Whoever shows it may act from the console.
 */
public final class ConsoleToken {

    public static final String FILE = "console.token";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String value;

    private ConsoleToken(String value) {
        this.value = value;
    }

    /**
     * The home's token; made when there is none. A link, a FIFO or anything that is not a token in its place is
     * replaced (never read through); a token readable by others is made owner-only again.
     */
    public static ConsoleToken of(Home home) throws IOException {
        Path state = home.createFolders(home.state());
        Path file = state.resolve(FILE);
        for (int attempt = 0; attempt < 3; attempt++) {
            String existing = existing(file);
            if (existing != null) {
                if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
                return new ConsoleToken(existing);
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = DurableFiles.writeTemp(state, (token + "\n").getBytes(StandardCharsets.US_ASCII), true,
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // two routers starting at once: the first token published is everyone's
            if (DurableFiles.publishNew(tmp, file)) {
                DurableFiles.syncDirectory(state);
                return new ConsoleToken(token);
            }
            Files.deleteIfExists(tmp);
        }
        throw new IOException("cannot make the console token " + home.relative(file));
    }

    /** The token a regular file holds, or null when there is none or the file is not one. */
    private static String existing(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            String text = new String(DurableFiles.readAtMost(file, 256), StandardCharsets.US_ASCII).strip();
            return SHAPE.matcher(text).matches() ? text : null;
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    public String value() {
        return value;
    }

    /** Whether {@code candidate} is the token; in constant time, so timing tells nothing of it. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
