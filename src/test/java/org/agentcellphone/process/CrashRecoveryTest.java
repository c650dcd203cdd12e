package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router is killed with kill -9 in the middle of a stream; after a restart every message is there once. */
class CrashRecoveryTest {

    static final int MESSAGES = 2000;

    @TempDir
    Path tmp;

    @Test
    void killNineMidStreamThenRestartDeliversEveryIdExactlyOnce() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Process router = Cli.startRouter(home.root, tmp.resolve("router-1.log"));
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    home.drop("k" + i + ".json", "{\"id\":\"k" + i + "\",\"to\":\"Agent-" + (i % 8 + 1)
                            + "\",\"content\":\"message " + i + "\"}");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> home.records().size() >= 300);
        Cli.kill9(router);
        int deliveredAtKill = home.records().size();
        writer.join();

        Process restarted = Cli.startRouter(home.root, tmp.resolve("router-2.log"));
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> totalInInboxes(home) >= MESSAGES
                    && TestHome.list(home.home.pending(), "*.json").isEmpty());
            Map<String, Integer> seen = new HashMap<>();
            for (int a = 1; a <= 8; a++) {
                home.inboxIds("Agent-" + a).forEach((id, n) -> seen.merge(id, n, Integer::sum));
            }
            assertThat(deliveredAtKill).as("killed mid-stream").isLessThan(MESSAGES);
            assertThat(seen).hasSize(MESSAGES);
            assertThat(seen.values()).allMatch(n -> n == 1);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(seen).containsKey("k" + i);
            }
            assertThat(home.failedEntries()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> home.records().size() == MESSAGES);
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
    }

    private static int totalInInboxes(TestHome home) throws Exception {
        int n = 0;
        for (int a = 1; a <= 8; a++) {
            n += home.inbox("Agent-" + a).size();
        }
        return n;
    }
}
