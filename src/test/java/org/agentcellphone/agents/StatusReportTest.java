package org.agentcellphone.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReportTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus/status");
    static final Instant NOW = Instant.parse("2025-10-17T02:00:00Z");

    @TempDir
    Path tmp;

    private StatusReport.AgentStatus report(String json) throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        if (json != null) {
            Files.writeString(ws.resolve("status.json"), json);
        }
        return StatusReport.of("Agent-1", ws, Duration.ofHours(1), NOW);
    }

    @Test
    void everyRealStatusFileIsSummarised() throws Exception {
        for (int i = 1; i <= 8; i++) {
            Path ws = Files.createDirectories(tmp.resolve("Agent-" + i));
            Files.copy(CORPUS.resolve("Agent-" + i + ".status.json"), ws.resolve("status.json"));
            StatusReport.AgentStatus row = StatusReport.of("Agent-" + i, ws, Duration.ofHours(1), NOW);
            assertThat(row.file()).as("Agent-" + i).isEqualTo(StatusReport.FileState.OK);
            assertThat(row.status()).as("Agent-" + i).isNotNull();
            assertThat(row.ageSeconds()).as("Agent-" + i + " timestamp").isNotNull();
        }
    }

    @Test
    void timestampsWithZWithAnOffsetOrWithNoneAreRead() {
        assertThat(StatusReport.parseTime("2025-10-16T23:30:00Z")).isEqualTo(Instant.parse("2025-10-16T23:30:00Z"));
        assertThat(StatusReport.parseTime("2025-10-16T15:50:00.000000+00:00")).isEqualTo(Instant.parse("2025-10-16T15:50:00Z"));
        assertThat(StatusReport.parseTime("2025-10-16T17:50:00+02:00")).isEqualTo(Instant.parse("2025-10-16T15:50:00Z"));
        assertThat(StatusReport.parseTime("2025-10-16 08:15:00")).isEqualTo(Instant.parse("2025-10-16T08:15:00Z"));
        assertThat(StatusReport.parseTime("yesterday")).isNull();
    }

    @Test
    void stateInsteadOfStatusAndFreshness() throws Exception {
        StatusReport.AgentStatus row = report("{\"state\":\"RESET\",\"updated\":true,\"last_updated\":\"2025-10-17T01:30:00Z\"}");
        assertThat(row.status()).isEqualTo("RESET");
        assertThat(row.ageSeconds()).isEqualTo(1800L);
        assertThat(row.stale()).isFalse();
        assertThat(report("{\"status\":\"IDLE\",\"last_updated\":\"2025-10-16T20:00:00Z\"}").stale()).isTrue();
    }

    @Test
    void missingUnreadableAndOddFilesAreReportedNotFatal() throws Exception {
        assertThat(report(null).file()).isEqualTo(StatusReport.FileState.MISSING);
        assertThat(report("{ not json").file()).isEqualTo(StatusReport.FileState.UNREADABLE);
        assertThat(report("[1,2,3]").file()).isEqualTo(StatusReport.FileState.UNREADABLE);
        StatusReport.AgentStatus odd = report("{\"status\":{\"nested\":1},\"current_mission\":42,\"last_updated\":17}");
        assertThat(odd.file()).isEqualTo(StatusReport.FileState.OK);
        assertThat(odd.status()).isEqualTo("{\"nested\":1}");
        assertThat(odd.mission()).isEqualTo("42");
        assertThat(odd.ageSeconds()).isNull();
    }

    @Test
    void unreadCountsFilesAtTheTopOfTheInbox() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws2"));
        Files.createDirectories(ws.resolve("inbox/archive"));
        Files.writeString(ws.resolve("inbox/a.md"), "x");
        Files.writeString(ws.resolve("inbox/b.md"), "x");
        Files.writeString(ws.resolve("inbox/archive/old.md"), "x");
        assertThat(StatusReport.of("Agent-1", ws, Duration.ofHours(1), NOW).unread()).isEqualTo(2L);
    }
}
