package org.agentcellphone.config;

import java.time.Duration;

/** Durations as the settings write them: {@code 7d}, {@code 1h}, {@code 90s}. */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        return d.toSeconds() + "s";
    }
}
