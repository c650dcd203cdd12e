package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Drops and counts the way the benchmark and the soak need: careful writers, plain folder reads. */
final class Drops {

    static final String FILLER = "x".repeat(400);

    private Drops() {
    }

    static byte[] json(String id, String to, String priority) {
        return ("{\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"priority\":\"" + priority
                + "\",\"content\":\"benchmark message " + id + " " + FILLER + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Temporary name, then rename into the outbox: how every sender is told to drop. */
    static void drop(Path outbox, String id, byte[] content) throws IOException {
        Path tmp = outbox.resolve("." + id + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, outbox.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
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
