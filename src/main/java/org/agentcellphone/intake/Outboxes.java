package org.agentcellphone.intake;

import java.io.IOException;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.store.Drop;

/**
 * The outboxes intake reads, by folder (relative to the home): the bean the outbox routes poll. They share one watch
 * service (inotify), which tells renamed-in drops from ones written in place.
 */
public final class Outboxes implements AutoCloseable {

    private final Map<String, Outbox> byFolder = new LinkedHashMap<>();
    private final WatchService arrivals;

    public Outboxes(WatchService arrivals) {
        this.arrivals = arrivals;
    }

    public Outboxes add(Outbox outbox) {
        byFolder.put(outbox.folder(), outbox);
        return this;
    }

    public List<Drop> poll(String folder) {
        return of(folder).poll();
    }

    /** The outbox a drop came from. */
    public Outbox of(String folder) {
        Outbox outbox = byFolder.get(folder);
        if (outbox == null) {
            throw new IllegalArgumentException("no outbox " + folder);
        }
        return outbox;
    }

    @Override
    public void close() throws IOException {
        arrivals.close();
    }
}
