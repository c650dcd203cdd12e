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
    }

    public String folder() {
        return folder;
    }

    /** The complete drops now in the folder, in arrival order, at most one batch; none while the folder is refused. */
    public synchronized List<Drop> poll() {
        if (backlog.isFull()) {
            // back-pressure: nothing is read while the queue is full; the drops wait where they are
            return List.of();
        }
        polls++;
        List<Path> names = list();
        List<Drop> drops = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Path file : names) {
            if (drops.size() >= batch) {
                break;
            }
            Backoff backoff = failing.get(file);
            if (taken.contains(file) || backoff != null && !backoff.due(now)
                    || notBefore.getOrDefault(file, 0L) > now) {
                continue;
            }
            Drop drop = look(file, now);
            if (drop != null) {
                taken.add(file);
                drops.add(drop);
            } else if (completeness.holdsBack(file, now, polls)) {
                // a drop still being written: the ones named after it wait, so a sender's order is kept
                break;
            }
        }
        return drops;
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
        return names;
    }

    private void refuse(String why) {
        if (!why.equals(refusal)) {
            refusal = why;
            LOG.error("outbox {} is not read: {}; its drops wait until it is a folder of the home again", folder, why);
        }
    }

    /** The drop this file makes now, or null when it is not one yet (a folder, a writer still at work, gone). */
    private Drop look(Path file, long now) {
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
