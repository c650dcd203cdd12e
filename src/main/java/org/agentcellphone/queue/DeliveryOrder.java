package org.agentcellphone.queue;

import java.util.Comparator;
import org.apache.camel.Exchange;

/** Order of a delivery lane: urgent before regular, then acceptance order. */
public final class DeliveryOrder implements Comparator<Exchange> {

    public static final Comparator<PendingEntry> ENTRIES =
            Comparator.comparing(PendingEntry::priority).thenComparingLong(PendingEntry::seq);

    @Override
    public int compare(Exchange a, Exchange b) {
        return ENTRIES.compare(a.getMessage().getBody(PendingEntry.class), b.getMessage().getBody(PendingEntry.class));
    }
}
