package org.agentcellphone.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.agentcellphone.files.Backoff;

/**
 * Pending entries whose delivery ran out of attempts and could then not be finished either (a full disk, a folder
 * refused): not dead-lettered because the dead letter could not be written, or in their inbox but not recorded. They
 * stay in {@code pending/} and are taken up again after a pause, so none is stranded until a restart.
 */
public final class Stalled {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    /** An entry to take up again; {@code inboxFile} is its inbox copy when only the record is missing. */
    public record Parked(PendingEntry entry, Path inboxFile) {
    }

    private record Waiting(Parked parked, Backoff backoff) {
    }

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    public synchronized void park(PendingEntry entry, Path inboxFile, Throwable error) {
        Waiting w = waiting.computeIfAbsent(entry.file().getFileName().toString(),
                k -> new Waiting(new Parked(entry, inboxFile), new Backoff()));
        long pause = w.backoff().failed(System.currentTimeMillis());
        LOG.warn("could not {} {} for {} ({}); it stays pending and is taken up again in {} s",
                inboxFile == null ? "dead-letter" : "record the delivery of", entry.id(), entry.recipient(), error,
                pause / 1000);
    }

    /** How many entries wait here for their next try. */
    public synchronized int size() {
        return waiting.size();
    }

    /** The entries whose pause is over, taken out of here. */
    public synchronized List<Parked> due() {
        List<Parked> due = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.backoff().due(now)) {
                due.add(w.parked());
                it.remove();
            }
        }
        return due;
    }
}
