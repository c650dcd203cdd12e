package org.agentcellphone.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The (message, recipient) pairs delivered with a request for an acknowledgement that has not come yet. */
public final class AwaitingAcks {

    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public void add(String id, String recipient) {
        waiting.add(id + "\n" + recipient);
    }

    public void remove(String id, String recipient) {
        waiting.remove(id + "\n" + recipient);
    }

    public int size() {
        return waiting.size();
    }
}
