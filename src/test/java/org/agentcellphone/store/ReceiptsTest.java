package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.agentcellphone.files.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receipts' files: each step kept as written, read and ack created once, a planted file or link no receipt. */
class ReceiptsTest {

    @TempDir
    Path tmp;

    @Test
    void aWakeRecordReadsBackAsWrittenAndIsReplacedByItsLane() throws Exception {
        Receipts receipts = new Receipts(new Home(tmp));
        receipts.wake(new Receipts.Wake("m.1", "Agent-2", "gui", "typing", "2026-12-02T00:00:00Z", null, 1, null));
        receipts.wake(new Receipts.Wake("m.1", "Agent-2", "gui", "notified", "2026-12-02T00:00:01Z", null, 1, 40L));
        Receipts.Wake wake = receipts.wakeOf("m.1", "Agent-2").orElseThrow();
        assertThat(wake.by()).isEqualTo("gui");
        assertThat(wake.is(Receipts.WakeStatus.NOTIFIED)).isTrue();
        assertThat(wake.millis()).isEqualTo(40L);
        assertThat(receipts.wakeOf("m.1", "Agent-3")).isEmpty();
    }

    @Test
    void readAndAckedAreCreatedOnceTheFirstCounts() throws Exception {
        Receipts receipts = new Receipts(new Home(tmp));
        assertThat(receipts.markRead(new Receipts.Read("m-1", "Agent-2", "2026-12-02T00:00:00Z", "file"))).isTrue();
        assertThat(receipts.markRead(new Receipts.Read("m-1", "Agent-2", "2026-12-02T00:00:09Z", "cli"))).isFalse();
        assertThat(receipts.readOf("m-1", "Agent-2").orElseThrow().by()).isEqualTo("file");
        assertThat(receipts.markAcked(new Receipts.Acked("m-1", "Agent-2", "2026-12-02T00:00:10Z", "r-1"))).isTrue();
        assertThat(receipts.markAcked(new Receipts.Acked("m-1", "Agent-2", "2026-12-02T00:00:11Z", null))).isFalse();
        assertThat(receipts.ackedOf("m-1", "Agent-2").orElseThrow().replyId()).isEqualTo("r-1");
        try (var left = Files.list(tmp.resolve("message_queue/receipts"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("m-1.Agent-2.read.json", "m-1.Agent-2.acked.json");
        }
    }

    @Test
    void aPlantedFileOrLinkUnderAReceiptsNameIsNoReceipt() throws Exception {
        Receipts receipts = new Receipts(new Home(tmp));
        Path dir = Files.createDirectories(tmp.resolve("message_queue/receipts"));
        Files.writeString(dir.resolve("m-2.Agent-2.read.json"), "not json");
        Path outside = Files.writeString(tmp.resolve("outside.json"), "{\"id\":\"m-3\",\"recipient\":\"Agent-2\"}");
        Files.createSymbolicLink(dir.resolve("m-3.Agent-2.read.json"), outside);
        assertThat(receipts.readOf("m-2", "Agent-2")).isEmpty();
        assertThat(receipts.readOf("m-3", "Agent-2")).as("never read through a link").isEmpty();
    }
}
