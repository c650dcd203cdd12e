package org.agentcellphone.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The captain's copy of a message to several agents (a broadcast, {@code --bulk}, an onboarding) goes last: it
 * joins the captain's lane only once every other copy of that message has left its lane — delivered, dead-lettered
 * or set aside — however far behind the other lanes run. Fan-out gives the captain's copy the last acceptance
 * sequence of its message; that is how it is recognised here, also for entries recovered after a restart.
 */
public final class CaptainLast {

    private final String captain;
    /** Per message id: the recipients whose copies are still in their lanes. */
    private final Map<String, Set<String>> outstanding = new HashMap<>();
    /** Per message id: the captain's copy, waiting for them. */
    private final Map<String, PendingEntry> waiting = new HashMap<>();

    public CaptainLast(String captain) {
        this.captain = captain;
    }

    /** The entries that may join their lanes now, in the order given; a captain's copy that must wait is kept. */
    public synchronized List<PendingEntry> admit(List<PendingEntry> entries) {
        Map<String, List<PendingEntry>> byMessage = new HashMap<>();
        for (PendingEntry entry : entries) {
            byMessage.computeIfAbsent(entry.id(), id -> new ArrayList<>()).add(entry);
        }
        List<PendingEntry> now = new ArrayList<>(entries.size());
        for (PendingEntry entry : entries) {
            List<PendingEntry> copies = byMessage.get(entry.id());
            if (entry.recipient().equals(captain) && copies.size() > 1 && isLast(entry, copies)) {
                Set<String> others = new HashSet<>();
                copies.stream().filter(c -> c != entry).forEach(c -> others.add(c.recipient()));
                outstanding.computeIfAbsent(entry.id(), id -> new HashSet<>()).addAll(others);
                waiting.put(entry.id(), entry);
            } else {
                now.add(entry);
            }
        }
        return now;
    }

    /**
     * A copy left its lane (delivered, dead-lettered, or found gone). Returns the captain's copy of its message
     * when this was the last other copy; else none. Null: no copy left (it stays pending).
     */
    public synchronized List<PendingEntry> left(PendingEntry entry) {
        if (entry == null) {
            return List.of();
        }
        Set<String> others = outstanding.get(entry.id());
        if (others == null || !others.remove(entry.recipient()) || !others.isEmpty()) {
            return List.of();
        }
        outstanding.remove(entry.id());
        PendingEntry captainCopy = waiting.remove(entry.id());
        return captainCopy == null ? List.of() : List.of(captainCopy);
    }

    private static boolean isLast(PendingEntry entry, List<PendingEntry> copies) {
        return copies.stream().allMatch(c -> c.seq() <= entry.seq());
    }
}
