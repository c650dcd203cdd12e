package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight sender processes, each running bin/cellphone 100 times, against one running router. */
class ConcurrentSendersTest {

    static final int SENDERS = 8;
    static final int EACH = 100;

    @TempDir
    Path tmp;

    @Test
    void eightConcurrentCliSendersOfAHundredEachAreDeliveredExactlyOnce() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Process router = Cli.startRouter(home.root, tmp.resolve("router.log"));
        try {
            List<Process> senders = new ArrayList<>();
            for (int s = 1; s <= SENDERS; s++) {
                String loop = "for i in $(seq 1 " + EACH + "); do \"$0\" -a Agent-" + s + " -s Agent-" + (s % 8 + 1)
                        + " -m \"message $i from sender " + s + "\" --id s" + s + "-$i >/dev/null || exit 1; done";
                senders.add(Cli.shell(home.root, loop, tmp.resolve("sender-" + s + ".log")));
            }
            for (Process sender : senders) {
                assertThat(sender.waitFor(600, TimeUnit.SECONDS)).isTrue();
                assertThat(sender.exitValue()).as("sender exit code").isZero();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> home.records().size() >= SENDERS * EACH);
            for (int s = 1; s <= SENDERS; s++) {
                Map<String, Integer> ids = home.inboxIds("Agent-" + s);
                assertThat(ids).as("Agent-" + s).hasSize(EACH);
                assertThat(ids.values()).allMatch(n -> n == 1);
                for (int i = 1; i <= EACH; i++) {
                    assertThat(ids).containsKey("s" + s + "-" + i);
                }
            }
            assertThat(home.records()).hasSize(SENDERS * EACH);
            assertThat(home.failedEntries()).isEmpty();
        } finally {
            router.destroy();
            router.waitFor();
        }
    }
}
