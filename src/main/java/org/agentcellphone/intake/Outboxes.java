package org.agentcellphone.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outboxes intake reads, by folder (relative to the home): the bean the outbox routes poll. */
public final class Outboxes {

    private final Map<String, Outbox> byFolder = new LinkedHashMap<>();

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

    public Map<String, Outbox> all() {
        return byFolder;
    }
}
