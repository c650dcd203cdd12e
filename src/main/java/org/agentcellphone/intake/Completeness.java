package org.agentcellphone.intake;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a drop's writer is done with it. Renamed into place: it arrived whole (see {@link Arrivals}); or, with no
 * event for it, its change time, which a rename sets, is later than its write time. Otherwise: its write time is
 * older than the settle time, or it has been seen unchanged for the settle time (a future write time settles too).
 */
final class Completeness {

    /** A file's size and times, since when they are unchanged, and when the file was first seen at all. */
    private record Seen(long size, FileTime mtime, FileTime ctime, long sinceMillis, long firstSeenMillis) {
        boolean same(long size, FileTime mtime, FileTime ctime) {
            return this.size == size && this.mtime.equals(mtime) && this.ctime.equals(ctime);
        }
    }

    private final Arrivals arrivals;
    private final long settleMillis;
    private final Map<Path, Seen> young = new HashMap<>();

    Completeness(Arrivals arrivals, long settleMillis) {
        this.arrivals = arrivals;
        this.settleMillis = settleMillis;
    }

    boolean isComplete(Path file, long size, FileTime mtime, FileTime ctime, long now, long poll) {
        Arrivals.State state = arrivals.of(file, poll);
        // renamed in: arrived and not written to since, for a poll; or at once when its change time, which a rename
        // sets and a write never leaves behind, is later than its write time. A file with no event that was written
        // while the folder was watched waits for its events
        boolean renamedIn = state == Arrivals.State.ARRIVED || ctime.compareTo(mtime) > 0
                && (state == Arrivals.State.ARRIVING || state == Arrivals.State.UNKNOWN && !arrivals.watchedAt(mtime.toMillis()));
        if (size > 0 && renamedIn) {
            young.remove(file);
            return true;
        }
        long age = now - mtime.toMillis();
        if (age >= settleMillis) {
            young.remove(file);
            return true;
        }
        Seen seen = young.get(file);
        if (seen == null || !seen.same(size, mtime, ctime)) {
            young.put(file, new Seen(size, mtime, ctime, now, seen == null ? now : seen.firstSeenMillis()));
            return false;
        }
        return now - seen.sinceMillis() >= settleMillis;
    }

    /**
     * Whether a file not taken yet holds back the drops offered after it (which arrived after it): a young drop
     * still being written, or one that arrived in this poll, seen less than one settle time ago. A file whose event
     * is not read yet does not: it is offered after every file whose event is.
     */
    boolean holdsBack(Path file, long now, long poll) {
        Seen seen = young.get(file);
        return seen != null && now - seen.firstSeenMillis() < settleMillis
                && !(arrivals.of(file, poll) == Arrivals.State.UNKNOWN && arrivals.watchedAt(seen.mtime().toMillis()));
    }

    /** Forgets the files that are no longer in the folder. */
    void retain(Set<Path> present) {
        young.keySet().retainAll(present);
    }
}
