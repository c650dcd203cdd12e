package org.agentcellphone.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.agentcellphone.files.DurableFiles;

/**
 * The dedupe journal: an append-only journal of {@code <epoch-millis> <key>} lines plus an in-memory
 * map. {@code contains} and {@code add} are O(1) whatever the number of keys (Camel's FileIdempotentRepository
 * rescans its file on every add). Keys older than the window are forgotten, and the journal is rewritten without
 * them each time it starts and at each retention run ({@link #prune()}).
 *
 * <p>Appends are plain writes: they reach the page cache before {@code add} returns, so a killed process loses
 * nothing. A torn last line after a power loss is skipped on load.
 */
public final class DedupeJournal {

    private final Path file;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Long> keys = new HashMap<>();
    private FileChannel journal;

    public DedupeJournal(Path file, Duration window) {
        this(file, window, Clock.systemUTC());
    }

    DedupeJournal(Path file, Duration window, Clock clock) {
        this.file = file;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Loads the journal and rewrites it without forgotten keys; a second call does nothing. */
    public synchronized void start() throws IOException {
        if (journal != null) {
            return;
        }
        load();
        compact();
    }

    public synchronized void stop() throws IOException {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    /** How long a key deduplicates. */
    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    public synchronized boolean contains(String key) {
        Long at = keys.get(key);
        return at != null && at >= clock.millis() - windowMillis;
    }

    /** Records the key; false when it is already known within the window. */
    public synchronized boolean add(String key) {
        if (contains(key)) {
            return false;
        }
        long now = clock.millis();
        append(now, key);
        keys.put(key, now);
        return true;
    }

    public synchronized int size() {
        return keys.size();
    }

    /** Forgets the keys older than the window and rewrites the journal without them; returns how many went. */
    public synchronized int prune() throws IOException {
        long horizon = clock.millis() - windowMillis;
        int before = keys.size();
        keys.values().removeIf(at -> at < horizon);
        int pruned = before - keys.size();
        if (pruned > 0 && journal != null) {
            compact();
        }
        return pruned;
    }

    private void load() throws IOException {
        long horizon = clock.millis() - windowMillis;
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(
                Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space <= 0 || space == line.length() - 1) {
                    continue;
                }
                try {
                    long at = Long.parseLong(line.substring(0, space));
                    if (at >= horizon) {
                        keys.merge(line.substring(space + 1), at, Math::max);
                    }
                } catch (NumberFormatException torn) {
                    // a line cut short by a power loss
                }
            }
        } catch (NoSuchFileException e) {
            // first start
        }
    }

    /** Rewrites the journal with the live keys only (temp file, fsync, rename) and reopens it for appends. */
    private void compact() throws IOException {
        if (journal != null) {
            journal.close();
        }
        StringBuilder text = new StringBuilder();
        keys.forEach((key, at) -> text.append(at).append(' ').append(key).append('\n'));
        Files.createDirectories(file.getParent());
        DurableFiles.writeDurably(file, text.toString().getBytes(StandardCharsets.UTF_8));
        journal = FileChannel.open(file, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void append(long at, String key) {
        ByteBuffer line = ByteBuffer.wrap((at + " " + key + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                journal.write(line);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to the dedupe journal " + file, e);
        }
    }
}
