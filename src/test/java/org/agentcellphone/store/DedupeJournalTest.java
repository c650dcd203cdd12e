package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeJournalTest {

    @TempDir
    Path dir;

    @Test
    void keysSurviveARestart() throws Exception {
        Path file = dir.resolve("dedupe.journal");
        DedupeJournal first = new DedupeJournal(file, Duration.ofDays(7));
        first.start();
        assertThat(first.add("Agent-1/a")).isTrue();
        assertThat(first.add("Agent-1/a")).isFalse();
        // no stop(): the process may die without closing anything
        DedupeJournal second = new DedupeJournal(file, Duration.ofDays(7));
        second.start();
        assertThat(second.contains("Agent-1/a")).isTrue();
        assertThat(second.contains("Agent-2/a")).isFalse();
    }

    @Test
    void keysOlderThanTheWindowAreForgottenAndCompactedAway() throws Exception {
        Path file = dir.resolve("dedupe.journal");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        DedupeJournal old = new DedupeJournal(file, Duration.ofDays(7), Clock.fixed(t0, ZoneOffset.UTC));
        old.start();
        old.add("Agent-1/old");
        old.stop();
        DedupeJournal later = new DedupeJournal(file, Duration.ofDays(7),
                Clock.fixed(t0.plus(Duration.ofDays(8)), ZoneOffset.UTC));
        later.start();
        assertThat(later.contains("Agent-1/old")).isFalse();
        assertThat(later.add("Agent-1/old")).isTrue();
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        Path file = dir.resolve("dedupe.journal");
        Files.writeString(file, System.currentTimeMillis() + " Agent-1/a\n17");
        DedupeJournal journal = new DedupeJournal(file, Duration.ofDays(7));
        journal.start();
        assertThat(journal.contains("Agent-1/a")).isTrue();
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void holdsOneHundredThousandKeysAcrossARestart() throws Exception {
        Path file = dir.resolve("dedupe.journal");
        DedupeJournal journal = new DedupeJournal(file, Duration.ofDays(7));
        journal.start();
        for (int i = 0; i < 100_000; i++) {
            journal.add("Agent-" + (i % 8 + 1) + "/m-" + i);
        }
        journal.stop();
        DedupeJournal reloaded = new DedupeJournal(file, Duration.ofDays(7));
        reloaded.start();
        assertThat(reloaded.size()).isEqualTo(100_000);
        assertThat(reloaded.contains("Agent-8/m-99999")).isTrue();
        assertThat(reloaded.add("Agent-1/m-100000")).isTrue();
    }
}
