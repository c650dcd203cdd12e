package org.agentcellphone.store;

import java.util.List;

/**
 * Where the entries intake has made durable go next: on one machine straight to the delivery lanes; with several
 * hosts ({@link SharedRelay}) into the shared store first, the lanes getting that store's entries for this host.
 */
public interface Relay {

    /** The entries for this host's lanes now. */
    List<PendingEntry> publish(List<PendingEntry> accepted);

    /** One machine: the accepted entries are the lanes'. */
    final class Direct implements Relay {
        @Override
        public List<PendingEntry> publish(List<PendingEntry> accepted) {
            return accepted;
        }
    }
}
