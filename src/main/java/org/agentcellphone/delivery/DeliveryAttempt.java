package org.agentcellphone.delivery;

import java.nio.file.Path;

/**
 * The attempts at delivering one entry, across its lane's retries: how many so far, and its inbox file once it was
 * written (a retry after a failed record step must not write a second copy).
 */
public final class DeliveryAttempt {

    private int number;
    private Path inboxFile;

    /** Starts the next attempt; returns its number, from 1. */
    int next() {
        return ++number;
    }

    public int number() {
        return number;
    }

    public Path inboxFile() {
        return inboxFile;
    }

    void written(Path file) {
        inboxFile = file;
    }
}
