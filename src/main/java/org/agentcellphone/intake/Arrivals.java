package org.agentcellphone.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel (inotify) said about the names of one outbox: which arrived — created or renamed into it — and
 * which were written to after that. A drop that arrived in an earlier poll and was never written to since was
 * renamed into place, whole: it can be taken at once. One written in place shows its writes, and waits for the
 * settle time instead. Without events (a queue overflow, a folder not watched) nothing counts as renamed in.
 */
final class Arrivals {

    private record Arrival(long poll, boolean written, long order) {
    }

    private final WatchService service;
    private final Path dir;
    private final Map<Path, Arrival> names = new HashMap<>();
    private WatchKey key;
    private long watchedSinceMillis = Long.MAX_VALUE;
    private long arrivals;

    Arrivals(WatchService service, Path dir) {
        this.service = service;
        this.dir = dir;
    }

    /** Takes in the events since the last poll; {@code dir} has just been checked to be a folder of the home. */
    void update(long poll) {
        if (key == null || !key.isValid()) {
            names.clear();
            watchedSinceMillis = Long.MAX_VALUE;
            try {
                long since = System.currentTimeMillis();
                key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                watchedSinceMillis = since;
            } catch (IOException | RuntimeException notWatchable) {
                key = null;
                return;
            }
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // events were lost: what arrived since cannot be told from what was written in place
                names.replaceAll((name, arrival) -> new Arrival(arrival.poll(), true, arrival.order()));
                continue;
            }
            Path name = (Path) event.context();
            Arrival known = names.get(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                names.put(name, new Arrival(poll, false, ++arrivals));
            } else {
                names.put(name, new Arrival(known != null ? known.poll() : poll, true,
                        known != null ? known.order() : ++arrivals));
            }
        }
        key.reset();
        // the watch service queues signalled keys for a taker; this class reads its key directly, so drain it
        while (service.poll() != null) {
            // nothing to do: the events are read from the key above
        }
    }

    /** What the events say of a file. */
    enum State {
        /** no event for it (there before the watch, or its event not read yet) */
        UNKNOWN,
        /** arrived in this poll, not written since: renamed in, taken at the next poll (its events are all in) */
        ARRIVING,
        /** arrived before this poll and never written since: renamed into place, whole */
        ARRIVED,
        /** written to in this folder: written in place */
        WRITTEN
    }

    /**
     * Whether a file last written at {@code mtimeMillis} would have shown events: written while the folder was
     * watched. A file older than the watch (there before the router started) has none to show.
     */
    boolean watchedAt(long mtimeMillis) {
        // a second of margin: file times are coarser than the clock read here
        return key != null && mtimeMillis >= watchedSinceMillis - 1000;
    }

    State of(Path file, long poll) {
        Arrival arrival = names.get(file.getFileName());
        if (arrival == null) {
            return State.UNKNOWN;
        }
        if (arrival.written()) {
            return State.WRITTEN;
        }
        return arrival.poll() < poll ? State.ARRIVED : State.ARRIVING;
    }

    /**
     * The order in which files are offered: those with no event (there before the watch) first, in name order, then
     * the others in the order they arrived — a sender's drops keep the order it renamed them in.
     */
    Comparator<Path> offerOrder() {
        return Comparator.<Path>comparingLong(file -> {
            Arrival arrival = names.get(file.getFileName());
            return arrival == null ? 0 : arrival.order();
        }).thenComparing(file -> file.getFileName().toString());
    }

    /** Forgets the names that are gone. */
    void retain(Set<Path> present) {
        names.keySet().removeIf(name -> !present.contains(dir.resolve(name)));
    }
}
