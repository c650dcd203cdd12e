package org.agentcellphone.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agentcellphone.files.Home;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.files.Backoff;
import org.agentcellphone.files.DurableFiles;

/**
 * Group commit of intake. The entries of a poll batch are written without fsync; {@link #flush()} then makes them
 * durable together (one fdatasync each — after the first they find little left to write — and one fsync of the
 * pending folder), and only then records their dedupe keys and deletes the drops they came from. A crash before
 * the flush leaves the drops in the outbox, to be read again with the same ids; a crash after it leaves durable
 * entries whose keys recovery records. Either way nothing is lost and nothing is accepted twice.
 */
public final class IntakeBatch {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final Home home;
    private final DedupeJournal dedupe;
    private final int maxEntries;
    private final List<PendingEntry> entries = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final List<Drop> drops = new ArrayList<>();
    private final Backoff backoff = new Backoff();

    public IntakeBatch(Home home, DedupeJournal dedupe, int maxEntries) {
        this.home = home;
        this.dedupe = dedupe;
        this.maxEntries = maxEntries;
    }

    /** Whether the key was accepted before, or earlier in this batch. */
    public synchronized boolean contains(String key) {
        return keys.contains(key) || dedupe.contains(key);
    }

    public synchronized void added(PendingEntry entry) {
        entries.add(entry);
    }

    /** A key to record when the batch is durable: of a pending entry, or of an unknown recipient. */
    public synchronized void key(String key) {
        keys.add(key);
    }

    /** The drop is fully handled once the batch is durable; it is deleted then. */
    public synchronized void consumed(Drop drop) {
        drops.add(drop);
    }

    public synchronized boolean isFull() {
        return entries.size() >= maxEntries;
    }

    /**
     * Commits one message on its own, at once, ahead of the open batch (an urgent message must not wait for a
     * batch to fill, nor pay for its fsyncs): same order, entries durable, then keys, then the drop.
     */
    public synchronized List<PendingEntry> commitAlone(List<PendingEntry> alone, List<String> aloneKeys, Drop drop)
            throws IOException {
        commit(alone, aloneKeys, List.of(drop));
        return alone;
    }

    /** Makes the batch durable, records its keys, deletes its drops; returns its entries for the delivery lanes. */
    public synchronized List<PendingEntry> flush() throws IOException {
        if (entries.isEmpty() && keys.isEmpty() && drops.isEmpty()) {
            return List.of();
        }
        commit(entries, keys, drops);
        List<PendingEntry> flushed = List.copyOf(entries);
        entries.clear();
        keys.clear();
        drops.clear();
        return flushed;
    }

    /**
     * {@link #flush()} at the end of a poll of {@code folder}, if drops of that outbox are in the batch (so the
     * entries of one outbox reach their lanes from one thread, in acceptance order), and unless the last commit
     * failed and its pause is not over. A failed commit (a full disk) keeps the batch whole, to be committed by a
     * later try: logged once per try, not once per poll.
     */
    public synchronized List<PendingEntry> flushOrWait(String folder) {
        if (drops.stream().noneMatch(drop -> drop.folder().equals(folder))) {
            return List.of();
        }
        return flushOrWait();
    }

    /** {@link #flush()}, unless the last commit failed and its pause is not over. */
    public synchronized List<PendingEntry> flushOrWait() {
        if (!backoff.due(System.currentTimeMillis())) {
            return List.of();
        }
        try {
            List<PendingEntry> flushed = flush();
            if (backoff.failures() > 0) {
                LOG.info("intake batch committed after {} failed attempt(s)", backoff.failures());
                backoff.succeeded();
            }
            return flushed;
        } catch (IOException | java.io.UncheckedIOException e) {
            long pause = backoff.failed(System.currentTimeMillis());
            LOG.warn("could not commit the intake batch of {} entries (attempt {}): {}; its drops stay in their "
                    + "outboxes, next try in {} s", entries.size(), backoff.failures(), e, pause / 1000);
            return List.of();
        }
    }

    /** The order that makes a crash at any point harmless: entries durable, then their keys, then their drops. */
    private void commit(List<PendingEntry> durable, Collection<String> dedupeKeys, List<Drop> consumed)
            throws IOException {
        for (PendingEntry entry : durable) {
            DurableFiles.sync(entry.file());
        }
        if (!durable.isEmpty()) {
            DurableFiles.syncDirectory(home.guard(home.pending()));
        }
        for (String key : dedupeKeys) {
            dedupe.add(key);
        }
        for (Drop drop : consumed) {
            delete(drop);
        }
    }

    /** Deletes the drop's file, only if it is still that file and its outbox is still a folder of the home. */
    private void delete(Drop drop) throws IOException {
        home.guard(drop.file().getParent());
        try {
            Object now = Drop.identity(Files.readAttributes(drop.file(), "unix:dev,ino", LinkOption.NOFOLLOW_LINKS));
            if (drop.identity() == null || drop.identity().equals(now)) {
                Files.deleteIfExists(drop.file());
            }
        } catch (NoSuchFileException gone) {
            // deleted already (a commit tried again)
        }
    }
}
