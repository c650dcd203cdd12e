package org.agentcellphone.intake;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.files.Backoff;
import org.agentcellphone.files.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.store.Drop;

/**
 * One outbox folder, listed the way a hostile or careless writer requires. Names are taken as
 * the folder holds them (a backslash is a character, not a separator); each file is looked at with {@code lstat}
 * before anything opens it: a link, FIFO, socket or device is refused unread as {@code not-a-file}, a file over the
 * size limit as {@code too-large}; a regular file is opened read-only without following links and never read past
 * the limit. A file is taken once it is complete: renamed into place (the kernel reported its arrival and no write
 * to it since, see {@link Arrivals}), or unchanged for the settle time — so a drop written in place, in several
 * writes, is never read half-way. Drops are offered in the order they arrived (name order for those there before
 * the router watched): one still being written holds back those that arrived after it, so a sender's drops keep
 * their order, but only for one settle time. The folder itself is refused while it is a link.
 *
 * <p>A drop handed to intake is not offered again while its file exists (its batch is being made durable); a drop
 * whose handling failed for want of disk or folder is offered again after a {@link Backoff}.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    /**
     * Regular drops taken per poll: a poll's drops are handled before the folder is listed again, so an urgent drop
     * that arrives meanwhile waits for at most this many (entries are still committed as one group per poll).
     */
    static final int REGULAR_PER_POLL = 64;
    /** Memory for drops read ahead of their turn (a folder of 10,000 waiting drops of 1 KB takes 10 MB). */
    static final long LOOK_AHEAD_BYTES = 32L * 1024 * 1024;

    private final Home home;
    private final Path dir;
    private final String folder;
    private final String owner;
    private final long settleMillis;
    private final long maxBytes;
    private final int batch;

    private final Arrivals arrivals;
    private final Set<Path> taken = new HashSet<>();
    private final Completeness completeness;
    private final Map<Path, Backoff> failing = new HashMap<>();
    /** Young drops that did not parse: not offered again before this time; each waits once. */
    private final Map<Path, Long> notBefore = new HashMap<>();
    private final Backlog backlog;
    /** Files read, found not to look urgent and left for a later poll (the queue full, or the batch taken). */
    private final Set<Path> lookedRegular = new HashSet<>();
    /** Of those, the drops as read, so a drop waiting behind others is not read again when its turn comes. */
    private final Map<Path, Drop> lookedAhead = new HashMap<>();
    private long lookedAheadBytes;
    private final int regularPerPoll;
    private String refusal;
    private long polls;

    /**
     * @param owner the agent whose own outbox this is (the sender of every drop in it), or null for a shared one
     */
    public Outbox(Home home, Path dir, String owner, long settleMillis, long maxBytes, int batch,
                  WatchService watch, Backlog backlog) {
        this.home = home;
        this.backlog = backlog;
        this.arrivals = new Arrivals(watch, dir);
        this.completeness = new Completeness(arrivals, settleMillis);
        this.dir = dir;
        this.folder = home.relative(dir);
        this.owner = owner;
        this.settleMillis = settleMillis;
        this.maxBytes = maxBytes;
        this.batch = batch;
        this.regularPerPoll = Math.min(batch, REGULAR_PER_POLL);
    }

    public String folder() {
        return folder;
    }

    /**
     * The complete drops now in the folder: those that look urgent first (however many regular ones wait before
     * them), then the others in arrival order, at most one batch; none while the folder is refused. While the queue
     * is full only urgent-looking drops are taken. Each file is read once while it waits: a regular one read to see
     * whether it is urgent is kept (within {@link #LOOK_AHEAD_BYTES}) and handed to intake as read.
     */
    public synchronized List<Drop> poll() {
        // back-pressure: no regular drop is read while the queue is full; the drops wait where they are
        boolean full = backlog.isFull();
        polls++;
        List<Path> names = list();
        List<Drop> urgent = new ArrayList<>();
        List<Drop> regular = new ArrayList<>();
        boolean heldBack = false;
        long now = System.currentTimeMillis();
        for (Path file : names) {
            if (urgent.size() >= batch) {
                break;
            }
            Backoff backoff = failing.get(file);
            if (taken.contains(file) || backoff != null && !backoff.due(now)
                    || notBefore.getOrDefault(file, 0L) > now) {
                continue;
            }
            boolean regularRoom = !full && !heldBack && regular.size() < regularPerPoll;
            if (!regularRoom && lookedRegular.contains(file)) {
                continue;
            }
            Drop drop = look(file, now, lookedAhead.get(file));
            if (drop == null) {
                forget(file);
                // a drop still being written: the regular ones named after it wait, so a sender's order is kept
                heldBack |= completeness.holdsBack(file, now, polls);
                continue;
            }
            boolean looksUrgent = drop.unread() == null && UrgencyPeek.looksUrgent(drop.bytes());
            if (looksUrgent || regularRoom) {
                forget(file);
                taken.add(file);
                (looksUrgent ? urgent : regular).add(drop);
            } else {
                lookedRegular.add(file);
                if (drop.bytes() != null && lookedAheadBytes + drop.bytes().length <= LOOK_AHEAD_BYTES
                        && lookedAhead.putIfAbsent(file, drop) == null) {
                    lookedAheadBytes += drop.bytes().length;
                }
            }
        }
        urgent.addAll(regular);
        return urgent;
    }

    private void forget(Path file) {
        lookedRegular.remove(file);
        Drop kept = lookedAhead.remove(file);
        if (kept != null) {
            lookedAheadBytes -= kept.bytes().length;
        }
    }

    /**
     * Whether a drop that does not parse (or names no recipient) should first get the settle time, as its writer may
     * still be at work: true once per file, while it is young. It is then not offered again before that time.
     */
    public synchronized boolean settleFirst(Drop drop) {
        long now = System.currentTimeMillis();
        long age = now - drop.lastModified();
        if (notBefore.containsKey(drop.file()) || age >= settleMillis) {
            return false;
        }
        notBefore.put(drop.file(), now + settleMillis - Math.max(0, age));
        return true;
    }

    /** The drop was not taken (the queue is full, or it settles first): offer it again. */
    public synchronized void release(Drop drop) {
        taken.remove(drop.file());
    }

    /** Handling the drop failed for a reason outside it (disk full, a folder refused): offer it again later. */
    public synchronized void failed(Drop drop, Throwable error) {
        taken.remove(drop.file());
        Backoff backoff = failing.computeIfAbsent(drop.file(), f -> new Backoff());
        long pause = backoff.failed(System.currentTimeMillis());
        LOG.warn("could not take drop {} (attempt {}): {}; it stays in its outbox, next try in {} s", drop.source(),
                backoff.failures(), describe(error), pause / 1000);
    }

    /** Candidate files in the order they are offered; forgets what is no longer there. */
    private List<Path> list() {
        List<Path> names = new ArrayList<>();
        try {
            home.guard(dir);
            arrivals.update(polls);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path file : entries) {
                    if (!isTemporary(file.getFileName().toString())) {
                        names.add(file);
                    }
                }
            }
            if (refusal != null) {
                LOG.info("outbox {} is read again", folder);
                refusal = null;
            }
        } catch (NoSuchFileException gone) {
            refuse("it does not exist");
        } catch (IOException e) {
            refuse(e.getMessage());
        }
        names.sort(arrivals.offerOrder());
        Set<Path> present = new HashSet<>(names);
        taken.retainAll(present);
        completeness.retain(present);
        arrivals.retain(present);
        failing.keySet().retainAll(present);
        notBefore.keySet().retainAll(present);
        lookedRegular.retainAll(present);
        if (lookedAhead.keySet().retainAll(present)) {
            lookedAheadBytes = lookedAhead.values().stream().mapToLong(d -> d.bytes().length).sum();
        }
        return names;
    }

    private void refuse(String why) {
        if (!why.equals(refusal)) {
            refusal = why;
            LOG.error("outbox {} is not read: {}; its drops wait until it is a folder of the home again", folder, why);
        }
    }

    /**
     * The drop this file makes now, or null when it is not one yet (a folder, a writer still at work, gone). {@code
     * read}: the drop as read at an earlier poll, taken as it is while the file is unchanged (same file, size and
     * write time).
     */
    private Drop look(Path file, long now, Drop read) {
        String name = file.getFileName().toString();
        Map<String, Object> stat;
        try {
            stat = Files.readAttributes(file, "unix:mode,size,lastModifiedTime,ctime,nlink,dev,ino",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            return unread(file, name, 0, null, ReasonCode.UNREADABLE, "its attributes cannot be read: " + describe(e));
        }
        FileKind type = FileKind.of((Integer) stat.get("mode"));
        long size = (Long) stat.get("size");
        FileTime mtime = (FileTime) stat.get("lastModifiedTime");
        FileTime ctime = (FileTime) stat.get("ctime");
        Object identity = Drop.identity(stat);
        if (type == FileKind.FOLDER) {
            return null;
        }
        if (type != FileKind.REGULAR) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.NOT_A_FILE,
                    "the drop is " + type.description() + ", not a regular file; it was not opened");
        }
        if (size > maxBytes) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.TOO_LARGE,
                    "the drop has " + size + " bytes; the limit is " + maxBytes + " (it was not read)");
        }
        if (!completeness.isComplete(file, size, mtime, ctime, now, polls)) {
            return null;
        }
        int links = (Integer) stat.get("nlink");
        if (links > 1) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.NOT_A_FILE,
                    "the drop is a hard link (one of " + links + " names of one file, maybe outside the home); it "
                            + "was not read");
        }
        if (read != null && read.bytes() != null && identity.equals(read.identity())
                && read.lastModified() == mtime.toMillis() && read.bytes().length == size) {
            return read;
        }
        byte[] bytes;
        try {
            bytes = DurableFiles.readAtMost(file, maxBytes + 1);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (AccessDeniedException e) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.UNREADABLE,
                    "the router may not read it (permission denied)");
        } catch (FileSystemException e) {
            // ELOOP: the file was replaced by a link between the look and the open
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.NOT_A_FILE,
                    "the drop could not be opened as a regular file: " + describe(e));
        } catch (IOException e) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.UNREADABLE,
                    "reading it failed: " + describe(e));
        }
        if (bytes.length > maxBytes) {
            return unread(file, name, mtime.toMillis(), identity, ReasonCode.TOO_LARGE,
                    "the drop grew past the limit of " + maxBytes + " bytes while it was read");
        }
        return new Drop(folder, name, owner, bytes, mtime.toMillis(), file, identity, null);
    }

    private Drop unread(Path file, String name, long mtime, Object identity, ReasonCode code, String detail) {
        return new Drop(folder, name, owner, null, mtime, file, identity, Rejection.of(code, detail));
    }

    static boolean isTemporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || lower.endsWith(".tmp") || lower.endsWith(".part");
    }


    static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
