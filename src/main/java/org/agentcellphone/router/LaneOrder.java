package org.agentcellphone.router;

import java.util.Comparator;
import org.agentcellphone.store.PendingEntry;
import org.apache.camel.Exchange;

/** The order of a delivery lane's queue: that of the pending entries its exchanges carry. */
final class LaneOrder implements Comparator<Exchange> {

    @Override
    public int compare(Exchange a, Exchange b) {
        return PendingEntry.DELIVERY_ORDER.compare(a.getMessage().getBody(PendingEntry.class),
                b.getMessage().getBody(PendingEntry.class));
    }
}
