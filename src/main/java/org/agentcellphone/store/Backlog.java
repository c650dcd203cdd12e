package org.agentcellphone.store;

import java.util.concurrent.atomic.AtomicLong;
import org.agentcellphone.model.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepted entries the router still has to deliver, by priority: its measure of how full the queue is. At
 * {@code cellphone.queue.max-size} intake stops taking drops (they wait in the outboxes) until deliveries make room.
 * Entries an operator holds are set aside and do not count.
 */
public final class Backlog {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private final long capacity;
    private final AtomicLong urgent = new AtomicLong();
    private final AtomicLong regular = new AtomicLong();
    private volatile boolean full;
    /** When "queue full" was last logged: near the limit the state flips with every delivery, the log must not. */
    private volatile long fullLoggedAt;
    private volatile boolean fullLogged;

    public Backlog(long capacity) {
        this.capacity = capacity;
    }

    public void added(Priority priority) {
        counter(priority).incrementAndGet();
    }

    /** An entry left the queue: delivered, dead-lettered, or found gone (held, expired or deleted meanwhile). */
    public void removed(Priority priority) {
        counter(priority).updateAndGet(n -> Math.max(0, n - 1));
    }

    public long urgent() {
        return urgent.get();
    }

    public long regular() {
        return regular.get();
    }

    public long size() {
        return urgent.get() + regular.get();
    }

    public long capacity() {
        return capacity;
    }

    /** Whether intake must leave drops waiting; logs when the queue fills up and when it has room again. */
    public boolean isFull() {
        long size = size();
        boolean nowFull = size >= capacity;
        if (nowFull != full) {
            full = nowFull;
            long now = System.currentTimeMillis();
            if (nowFull && now - fullLoggedAt > 10_000) {
                fullLoggedAt = now;
                fullLogged = true;
                LOG.warn("queue full: {} entries wait for delivery (max {}); new drops wait in the outboxes", size,
                        capacity);
            } else if (!nowFull && fullLogged) {
                fullLogged = false;
                LOG.info("queue has room again ({} of {}); intake goes on", size, capacity);
            }
        }
        return nowFull;
    }

    private AtomicLong counter(Priority priority) {
        return priority == Priority.URGENT ? urgent : regular;
    }
}
