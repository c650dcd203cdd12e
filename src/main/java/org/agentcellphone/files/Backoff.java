package org.agentcellphone.files;

/**
 * When to try again after a failure that is not the input's fault (a full disk, a folder that cannot be written):
 * 1 s, doubling up to a minute. It keeps a failing drop or batch from being retried — and logged — every poll.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 1_000;
    private static final long MAX_MILLIS = 60_000;

    private int failures;
    private long retryAt;

    /** Whether a try is due now. */
    public boolean due(long nowMillis) {
        return nowMillis >= retryAt;
    }

    /** Records a failure; returns the pause before the next try. */
    public long failed(long nowMillis) {
        long pause = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(failures, 16));
        failures++;
        retryAt = nowMillis + pause;
        return pause;
    }

    /** Attempts that failed so far. */
    public int failures() {
        return failures;
    }

    public void succeeded() {
        failures = 0;
        retryAt = 0;
    }
}
