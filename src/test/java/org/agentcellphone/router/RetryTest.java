package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivery that fails is retried with backoff; exhausted, it is dead-lettered as delivery-failed. */
class RetryTest {

    @TempDir
    Path tmp;

    @Test
    void failedDeliveryIsRetriedAndSucceedsOnceTheInboxCanBeWritten() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 30\n").startRouter()) {
            home.blockInbox("Agent-6");
            home.drop("a.json", "{\"id\":\"retry-ok\",\"to\":\"Agent-6\",\"content\":\"eventually\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> !TestHome.list(home.home.pending(), "*.json").isEmpty());
            Thread.sleep(700);
            assertThat(home.records()).isEmpty();
            assertThat(TestHome.list(home.home.pending(), "*.json")).hasSize(1);

            home.unblockInbox("Agent-6");
            home.awaitInboxCount("Agent-6", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.home.delivered().resolve("retry-ok.Agent-6.json")));
            assertThat(home.record("retry-ok", "Agent-6").path("attempts").asInt()).isGreaterThan(1);
            assertThat(home.inboxIds("Agent-6")).containsExactlyEntriesOf(java.util.Map.of("retry-ok", 1));
            assertThat(home.failedEntries()).isEmpty();
        }
    }

    @Test
    void exhaustedRetriesEndInTheDeadLetterWithTheLastErrorAndAttemptCount() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home")).startRouter()) {
            home.blockInbox("Agent-6");
            home.drop("a.json", "{\"id\":\"retry-dead\",\"to\":\"Agent-6\",\"content\":\"never\"}");
            home.awaitFailedCount(1);
            Path entry = home.failedEntries().get(0);
            JsonNode reason = home.reasonOf(entry);
            assertThat(reason.path("code").asText()).isEqualTo("delivery-failed");
            assertThat(reason.path("attempts").asInt()).isEqualTo(4);
            assertThat(reason.path("detail").asText()).contains("inbox");
            assertThat(reason.path("id").asText()).isEqualTo("retry-dead");
            assertThat(Files.readString(entry)).contains("\"content\" : \"never\"");
            assertThat(TestHome.list(home.home.pending(), "*")).isEmpty();
            assertThat(home.records()).isEmpty();
        }
    }
}
