package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.agentcellphone.agents.Agent;

/**
 * cellphone.queue.max-size: the CLI refuses beyond it (exit 8); the router leaves drops waiting, loses none. A message
 * larger than cellphone.max-message-bytes is refused by the CLI (exit 2) rather than dead-lettered later.
 */
class CapacityTest {

    private static final String SMALL_QUEUE = "cellphone.queue.max-size = 50\n";

    @TempDir
    Path tmp;

    @Test
    void theSendBeyondTheMaxSizeExitsEightAndSaysHowFullTheQueueIs() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), SMALL_QUEUE)) {
            Path log = tmp.resolve("sends.log");
            Process loop = Cli.shell(home.root, """
                    for i in $(seq 1 51); do
                      "$0" -a Agent-7 -m "message $i" > /dev/null 2> "$CELLPHONE_HOME/err.txt"
                      echo "send $i exit $?"
                    done
                    cat "$CELLPHONE_HOME/err.txt"
                    """, log);
            assertThat(loop.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String out = Files.readString(log);
            for (int i = 1; i <= 50; i++) {
                assertThat(out).contains("send " + i + " exit 0\n");
            }
            assertThat(out).contains("send 51 exit 8\n");
            assertThat(out).contains("queue full: 50 message(s) wait for delivery (max 50)");
            assertThat(TestHome.list(home.home.outbox(), "*.json")).hasSize(50);
        }
    }

    @Test
    void aMessageLargerThanTheRouterTakesIsRefusedBeforeAnythingIsWrittenAndTheNextOneGoes() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.max-message-bytes = 2000\n")) {
            Cli.Result big = Cli.run(home.root, "send", "-a", "Agent-7", "-m", "x".repeat(2500));
            assertThat(big.exitCode()).isEqualTo(2);
            assertThat(big.err()).contains("too large").contains("at most 2000");
            assertThat(big.out()).isEmpty();
            assertThat(TestHome.list(home.home.outbox(), "*.json")).isEmpty();
            Cli.Result small = Cli.run(home.root, "send", "-a", "Agent-7", "-m", "x".repeat(500));
            assertThat(small.exitCode()).as(small.err()).isZero();
            assertThat(TestHome.list(home.home.outbox(), "*.json")).hasSize(1);
        }
    }

    @Test
    void dropsBeyondTheMaxSizeWaitInTheOutboxUntilDeliveriesMakeRoomThenAllArrive() throws Exception {
        String patient = SMALL_QUEUE + "cellphone.retry.max-attempts = 1000\ncellphone.retry.max-delay = 300ms\n";
        try (TestHome home = new TestHome(tmp.resolve("home"), patient).startRouter()) {
            home.blockInbox("Agent-7");
            for (int i = 0; i < 60; i++) {
                home.drop(String.format("d%03d.json", i), "{\"id\":\"cap-" + i + "\",\"to\":\"Agent-7\",\"content\":\"n" + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> TestHome.list(home.home.pending(), "*.json").size() == 50);
            Thread.sleep(1500);
            assertThat(TestHome.list(home.home.pending(), "*.json")).hasSize(50);
            assertThat(TestHome.list(home.home.outbox(), "*.json")).as("drops wait, none rejected").hasSize(10);
            assertThat(home.failedEntries()).isEmpty();

            home.unblockInbox("Agent-7");
            home.awaitInboxCount("Agent-7", 60);
            Thread.sleep(500);
            assertThat(home.inbox("Agent-7")).hasSize(60);
            assertThat(home.inboxIds("Agent-7")).hasSize(60).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(TestHome.list(home.home.outbox(), "*.json")).isEmpty();
            assertThat(TestHome.list(home.home.pending(), "*.json")).isEmpty();
        }
    }
}
