package org.agentcellphone.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.UUID;

/**
 * The only way files are published: written under a hidden temporary name in the target's own folder, then
 * renamed into place, so a reader never sees a partial file. "Durable" adds fsync of the data before the rename.
 */
public final class DurableFiles {

    /** Temporary names start with this; anything left with it after a crash is removed at start. */
    public static final String TEMP_PREFIX = ".cp-tmp-";

    private DurableFiles() {
    }

    /**
     * Writes and fsyncs {@code data} under a temporary name in {@code dir}, created with {@code attributes} (such as
     * owner-only permissions, so a secret is never readable by others, not even for a moment); returns that name.
     */
    public static Path writeTemp(Path dir, byte[] data, boolean fsync, FileAttribute<?>... attributes)
            throws IOException {
        Path tmp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(false);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Temp file + fsync + atomic rename (replacing {@code target}). The folder entry is not fsynced. */
    public static void writeDurably(Path target, byte[] data) throws IOException {
        Path tmp = writeTemp(target.getParent(), data, true);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Temp file + atomic rename, no fsync: for files whose loss on power failure costs no message. */
    public static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = writeTemp(target.getParent(), data, false);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Publishes {@code tmp} as {@code target} only if no file of that name exists (link(2) refuses to replace),
     * then drops the temporary name. Returns false, leaving {@code tmp}, when the name is taken.
     */
    public static boolean publishNew(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.delete(tmp);
        return true;
    }

    /**
     * Reads a regular file without following a link (a link in its place fails with ELOOP), opened read-only so
     * nothing is ever created, and never more than {@code limit} bytes: a huge or endless file costs no memory.
     */
    public static byte[] readAtMost(Path file, long limit) throws IOException {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int cap = (int) Math.min(limit, Math.max(0, Math.min(ch.size(), limit - 1) + 1));
            ByteBuffer buf = ByteBuffer.allocate(Math.max(cap, 1));
            while (buf.position() < limit) {
                if (!buf.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit, (long) buf.capacity() * 2));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buf.position()];
            buf.flip().get(bytes);
            return bytes;
        }
    }

    /** fdatasync of a file written earlier without it. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    /** fsync of a folder, so the names created or removed in it survive a power loss. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Removes temporary files a killed process left behind in {@code dir}. Returns how many. */
    public static int removeLeftoverTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (var names = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path tmp : names) {
                Files.deleteIfExists(tmp);
                removed++;
            }
        }
        return removed;
    }
}
