package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Camel Main on a temporary home, fed with real files. */
class RouterTest {

    @TempDir
    Path tmp;

    TestHome home;

    @BeforeEach
    void start() throws Exception {
        home = new TestHome(tmp.resolve("home")).startRouter();
    }

    @AfterEach
    void stop() throws Exception {
        home.close();
    }

    @Test
    void jsonDropIsDeliveredToTheInboxWithItsRecord() throws Exception {
        home.drop("a.json", "{\"id\":\"hello-1\",\"to\":\"Agent-7\",\"from\":\"Agent-2\",\"content\":\"Hi seven\"}");
        home.awaitInboxCount("Agent-7", 1);
        Path file = home.inbox("Agent-7").get(0);
        assertThat(file.getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z_regular_Agent-2_hello-1\\.md");
        assertThat(Files.readString(file)).startsWith("# [A2A] AGENT MESSAGE - TEXT\n").contains("\nHi seven\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.home.delivered().resolve("hello-1.Agent-7.json")));
        JsonNode record = home.record("hello-1", "Agent-7");
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("inbox_file").asText()).isEqualTo("agent_workspaces/Agent-7/inbox/" + file.getFileName());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHome.list(home.home.pending(), "*").isEmpty());
        assertThat(TestHome.list(home.home.outbox(), "*")).isEmpty();
    }

    @Test
    void sameIdTwiceIsDeliveredOnceAndCountedAsDuplicate() throws Exception {
        home.drop("a.json", "{\"id\":\"dup-1\",\"to\":\"Agent-1\",\"content\":\"first\"}");
        home.awaitInboxCount("Agent-1", 1);
        home.drop("b.json", "{\"id\":\"dup-1\",\"to\":\"Agent-1\",\"content\":\"second\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHome.list(home.home.outbox(), "*").isEmpty());
        home.drop("c.json", "{\"id\":\"after\",\"to\":\"Agent-1\",\"content\":\"third\"}");
        home.awaitInboxCount("Agent-1", 2);
        assertThat(home.inboxIds("Agent-1")).containsExactlyInAnyOrderEntriesOf(Map.of("dup-1", 1, "after", 1));
        assertThat(QueueStats.read(home.home, Roster.defaults()).duplicates()).isEqualTo(1L);
        assertThat(home.failedEntries()).isEmpty();
    }

    @Test
    void equalTextWithoutIdIsTwoMessages() throws Exception {
        home.drop("a.md", "**To**: Agent-2\n\nsame words");
        home.drop("b.md", "**To**: Agent-2\n\nsame words");
        home.awaitInboxCount("Agent-2", 2);
        assertThat(home.inboxIds("Agent-2")).hasSize(2);
    }

    @Test
    void broadcastFansOutToEveryOtherAgentAcceptingTheCaptainLast() throws Exception {
        home.drop("all.json", "{\"id\":\"bc-1\",\"to\":\"all\",\"from\":\"Agent-2\",\"type\":\"broadcast\",\"content\":\"x\"}");
        List<String> others = List.of("Agent-1", "Agent-3", "Agent-5", "Agent-6", "Agent-7", "Agent-8", "Agent-4");
        for (String agent : others) {
            home.awaitInboxCount(agent, 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> home.records().size() == 7);
        assertThat(home.inbox("Agent-2")).isEmpty();
        long captainSeq = home.record("bc-1", "Agent-4").path("seq").asLong();
        for (String agent : others.subList(0, 6)) {
            assertThat(home.record("bc-1", agent).path("seq").asLong()).as(agent).isLessThan(captainSeq);
        }
    }

    @Test
    void dropInAnAgentsOwnOutboxIsStampedWithThatAgentAsSender() throws Exception {
        home.drop(home.home.agentOutbox("Agent-3"), "claim.json",
                "{\"id\":\"imp-1\",\"to\":\"Agent-5\",\"from\":\"Agent-4\",\"content\":\"I am the captain\"}".getBytes());
        home.awaitInboxCount("Agent-5", 1);
        Path file = home.inbox("Agent-5").get(0);
        assertThat(file.getFileName().toString()).contains("_Agent-3_imp-1.md");
        assertThat(Files.readString(file)).contains("**From**: Agent-3\n").contains("**Claimed-From**: Agent-4\n")
                .startsWith("# [A2A]");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.home.delivered().resolve("imp-1.Agent-5.json")));
        assertThat(home.record("imp-1", "Agent-5").path("claimed_from").asText()).isEqualTo("Agent-4");
    }

    @Test
    void markdownDropFromTheCorpusReachesItsRecipient() throws Exception {
        Path corpus = Path.of("src/test/resources/corpus/messages/Agent-4__CAPTAIN_MESSAGE_20251009_205204_discord.md");
        home.drop(home.home.outbox(), "discord.md", Files.readAllBytes(corpus));
        home.awaitInboxCount("Agent-4", 1);
        String md = Files.readString(home.inbox("Agent-4").get(0));
        assertThat(md).contains("**Priority**: urgent\n").contains("C-004 test prompt for Captain");
        assertThat(home.inbox("Agent-4").get(0).getFileName().toString()).contains("_urgent_");
    }

    @Test
    void slowInPlaceWriterIsNotPunishedWhileItsFileIsYoung() throws Exception {
        Path file = home.home.outbox().resolve("slow.json");
        Files.writeString(file, "{\"id\":\"slow-1\",\"to\":\"Agent-1\",");
        Thread.sleep(150);
        Files.writeString(file, "{\"id\":\"slow-1\",\"to\":\"Agent-1\",\"content\":\"finally complete\"}");
        home.awaitInboxCount("Agent-1", 1);
        assertThat(home.inboxIds("Agent-1")).containsOnlyKeys("slow-1");
        assertThat(home.failedEntries()).isEmpty();
    }

    @Test
    void unparseableFileIsDeadLetteredOnceItIsOlderThanTheSettleTime() throws Exception {
        home.drop("stuck.json", "{\"to\":");
        Thread.sleep(100);
        assertThat(home.failedEntries()).isEmpty();
        home.awaitFailedCount(1);
        assertThat(home.reasonOf(home.failedEntries().get(0)).path("code").asText()).isEqualTo("malformed");
    }
}
