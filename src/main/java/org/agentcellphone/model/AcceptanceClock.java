package org.agentcellphone.model;

import java.time.Instant;

/**
 * Acceptance sequence numbers: epoch microseconds, strictly increasing within the process and, seeded with the
 * highest number found at start, across restarts. They order a recipient's entries and date them.
 */
public final class AcceptanceClock {

    private long last;

    public synchronized void seed(long atLeast) {
        last = Math.max(last, atLeast);
    }

    public synchronized long next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        last = Math.max(last + 1, micros);
        return last;
    }

    public static Instant toInstant(long seq) {
        return Instant.ofEpochSecond(seq / 1_000_000L, (seq % 1_000_000L) * 1_000L);
    }
}
