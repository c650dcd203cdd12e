package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Drops and counts the way the benchmark and the soak need: careful writers, plain folder reads. */
public final class Drops {

    static final String FILLER = "x".repeat(400);

    private Drops() {
    }

    static byte[] json(String id, String to, String priority) {
        return ("{\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"priority\":\"" + priority
                + "\",\"content\":\"benchmark message " + id + " " + FILLER + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Temporary name, fsync, then rename into the outbox: how every sender is told to drop. The rename, after the
     * data is on disk, gives the file a change time later than its write time: intake takes it at once.
     */
    static Path drop(Path outbox, String id, byte[] content) throws IOException {
        return drop(outbox, "." + id + ".tmp", id + ".json", content);
    }

    /** The same, under a given temporary name and final name. */
    public static Path drop(Path outbox, String tempName, String name, byte[] content) throws IOException {
        Path tmp = outbox.resolve(tempName);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(false);
        }
        return Files.move(tmp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static int count(Path dir) throws IOException {
        int n = 0;
        try (var files = Files.newDirectoryStream(dir)) {
            for (Path ignored : files) {
                n++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return n;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
