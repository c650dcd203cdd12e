package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;

/**
 * Hostile or careless content and timing: equal drops in two outboxes, planted inbox files, concatenated JSON, drops
 * written in place, odd names and times, agents that left the roster, a broadcast behind a backlog.
 */
class HostileContentTest extends HostileFilesystem {

    @Test
    void identicalDropsInTwoOutboxesAreTwoMessages() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        start(home);
        byte[] text = "**To**: Agent-8\n\nsame words, two senders".getBytes(StandardCharsets.UTF_8);
        FileTime when = FileTime.from(Instant.now().minusSeconds(10));
        for (String agent : List.of("Agent-1", "Agent-2")) {
            Path drop = home.drop(home.home.agentOutbox(agent), "same.md", text);
            Files.setLastModifiedTime(drop, when);
        }
        home.awaitInboxCount("Agent-8", 2);
        goodDropArrives(home, "after-identical");
        List<String> inbox = inboxTexts(home, "Agent-8");
        assertThat(inbox).filteredOn(t -> t.contains("same words, two senders")).hasSize(2);
        assertThat(inbox).anyMatch(t -> t.contains("**From**: Agent-1")).anyMatch(t -> t.contains("**From**: Agent-2"));
    }

    @Test
    void aPlantedInboxFileNeverMakesRecoveryOrReleaseSkipTheRealMessage() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 40\n");
        home.blockInbox("Agent-5");
        home.blockInbox("Agent-6");
        Process router = startProcess(home, "router-1.log");
        assertThat(Cli.run(home.root, "-a", "Agent-5", "-m", "the real message", "--id", "planted-1").exitCode()).isZero();
        assertThat(Cli.run(home.root, "-a", "Agent-6", "-m", "the held message", "--id", "planted-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("router-1.log"))
                .contains("retrying planted-2"));
        assertThat(Cli.run(home.root, "--hold", "planted-2").exitCode()).isZero();
        Cli.kill9(router);
        routers.remove(router);

        // an agent plants files named like the deliveries, written after the messages were accepted
        for (String agent : List.of("Agent-5", "Agent-6")) {
            home.unblockInbox(agent);
            Files.createDirectories(home.home.inbox(agent));
        }
        String later = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now().plusSeconds(5));
        Files.writeString(home.home.inbox("Agent-5").resolve(later + "_regular_Agent-4_planted-1.md"), "planted");
        Files.writeString(home.home.inbox("Agent-6").resolve(later + "_regular_Agent-4_planted-2.md"), "planted");

        start(home);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-5").contains("the real message"));
        Cli.Result released = Cli.run(home.root, "--release", "planted-2");
        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).doesNotContain("already delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-6").contains("the held message"));
        assertThat(inboxTexts(home, "Agent-5")).filteredOn(t -> t.contains("the real message")).hasSize(1);
        goodDropArrives(home, "after-planted");
    }

    @Test
    void concatenatedJsonCrlfContentAndDecoratedMarkdown() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        start(home);
        home.drop("two.json", "{\"to\":\"Agent-1\",\"content\":\"first\"}{\"to\":\"Agent-2\",\"content\":\"second\"}");
        home.drop("garbage.json", "{\"to\":\"Agent-1\",\"content\":\"half\"} GARBAGE");
        home.drop("windows.json", "{\"id\":\"crlf\",\"to\":\"Agent-3\",\"content\":\"line1\\r\\nline2\"}");
        byte[] fuel = Files.readAllBytes(Path.of("src/test/resources/corpus/messages/"
                + "Agent-7__GAS_FROM_CAPTAIN_V2_WEBHOOK_EXCELLENCE.md"));
        home.drop(home.home.outbox(), "fuel.md", fuel);

        goodDropArrives(home, "after-json");
        home.awaitFailedCount(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> home.inbox("Agent-7").size() == 1);
        assertThat(reasonCodes(home)).containsOnly("malformed").hasSize(2);
        assertThat(inboxText(home, "Agent-2")).doesNotContain("second");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("first").doesNotContain("half");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-3").contains("line1\nline2"));
        assertThat(inboxText(home, "Agent-7")).contains("DUAL COMPLETION - V2 + DISCORD WEBHOOKS");
    }

    @Test
    void aDropWrittenInPlaceInSeveralWritesIsDeliveredWhole() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.intake.settle = 1500ms\n");
        start(home);
        Path drop = home.home.agentOutbox("Agent-2").resolve("in-place.md");
        Files.writeString(drop, "**To**: Agent-4\n\nfirst part, a message in itself\n");
        Thread.sleep(600);
        Files.writeString(drop, "second part\n", java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(600);
        Files.writeString(drop, "third part\n", java.nio.file.StandardOpenOption.APPEND);

        goodDropArrives(home, "after-in-place");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-4").contains("first part"));
        List<String> copies = inboxTexts(home, "Agent-4").stream().filter(t -> t.contains("first part")).toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0)).contains("first part, a message in itself\nsecond part\nthird part");
    }

    @Test
    void oddNamesAFutureTimeAndThousandUnknownRecipients() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Path shared = home.home.outbox();
        // a name that is not UTF-8, and an unfinished file dated in the future
        run("bash", "-c", "printf '{\"to\":\"Agent-1\",\"content\":\"odd bytes\"}' > \"$1\"/$'\\xff\\xfe-odd.json'",
                "x", shared.toString());
        Path future = Files.writeString(shared.resolve("future.md"), "**To**: Agent-2\n\nfrom the future");
        Files.setLastModifiedTime(future, FileTime.from(Instant.now().plus(Duration.ofHours(2))));
        StringBuilder many = new StringBuilder("{\"to\":[\"Agent-3\"");
        for (int i = 0; i < 1000; i++) {
            many.append(",\"Stranger-").append(i).append('"');
        }
        home.drop("many.json", many.append("],\"content\":\"one of a thousand\"}").toString());
        start(home);

        goodDropArrives(home, "after-odd");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-1").contains("odd bytes")
                && inboxText(home, "Agent-2").contains("from the future")
                && inboxText(home, "Agent-3").contains("one of a thousand"));
        // a thousand unknown recipients: one dead-letter entry that names them
        assertThat(home.failedEntries()).hasSize(1);
        JsonNode reason = home.reasonOf(home.failedEntries().get(0));
        assertThat(reason.path("code").asText()).isEqualTo("unknown-recipient");
        assertThat(reason.path("detail").asText()).contains("1000 recipients are not agents").contains("Stranger-0");
        awaitEmpty(shared);
    }

    @Test
    void entriesOfAnAgentThatLeftTheRosterAreDeadLetteredAtStart() throws Exception {
        Path root = tmp.resolve("home");
        Files.createDirectories(root.resolve("config"));
        StringBuilder roster = new StringBuilder("captain: Agent-4\nagents:\n");
        for (int i = 1; i <= 8; i++) {
            roster.append("  - id: Agent-").append(i).append('\n');
        }
        String without = roster.toString();
        roster.append("  - id: Agent-9\n");
        Files.writeString(root.resolve("config/agents.yaml"), roster.toString());
        TestHome home = new TestHome(root, "cellphone.retry.max-attempts = 40\n");
        Files.createDirectories(root.resolve("agent_workspaces/Agent-9"));
        Files.writeString(root.resolve("agent_workspaces/Agent-9/inbox"), "blocked");
        Process router = startProcess(home, "router-1.log");
        assertThat(Cli.run(home.root, "-a", "Agent-9", "-m", "for the leaver", "--id", "leaver-1").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("router-1.log"))
                .contains("retrying leaver-1"));
        router.destroy();
        router.waitFor(30, TimeUnit.SECONDS);
        routers.remove(router);

        Files.writeString(root.resolve("config/agents.yaml"), without);
        Path log = start(home);
        goodDropArrives(home, "after-roster");
        await().atMost(Duration.ofSeconds(30)).until(() -> reasonCodes(home).contains("unknown-recipient"));
        JsonNode reason = home.reasonOf(home.failedEntries().get(0));
        assertThat(reason.path("id").asText()).isEqualTo("leaver-1");
        assertThat(reason.path("detail").asText()).contains("Agent-9 has left the roster");
        assertThat(Files.readString(log)).contains("1 dead-lettered for agents that left the roster");
        assertThat(TestHome.list(home.home.pending(), "*.json")).isEmpty();
    }

    @Test
    void theCaptainsCopyOfABroadcastGoesAfterEveryOtherCopyBehindABacklog() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        // a backlog on Agent-1's lane, then a broadcast from Agent-2: the captain's copy must wait for Agent-1's
        for (int i = 0; i < 400; i++) {
            home.drop("b" + i + ".json", "{\"id\":\"b" + i + "\",\"to\":\"Agent-1\",\"content\":\"backlog " + i + "\"}");
        }
        home.drop(home.home.agentOutbox("Agent-2"), "zz-all.json",
                "{\"id\":\"all-1\",\"to\":\"all\",\"content\":\"to everyone\"}".getBytes(StandardCharsets.UTF_8));
        start(home);
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(home.home.delivered().resolve("all-1.Agent-4.json")));
        Instant captain = Instant.parse(home.record("all-1", "Agent-4").path("delivered_at").asText());
        assertThat(home.inboxIds("Agent-4")).containsEntry("all-1", 1);
        assertThat(home.record("all-1", "Agent-4").path("inbox_file").asText()).startsWith("agent_workspaces/Agent-4/inbox/");
        for (String agent : List.of("Agent-1", "Agent-3", "Agent-5", "Agent-6", "Agent-7", "Agent-8")) {
            Instant other = Instant.parse(home.record("all-1", agent).path("delivered_at").asText());
            assertThat(other).as(agent).isBefore(captain);
            assertThat(home.inboxIds(agent)).as(agent).containsEntry("all-1", 1);
        }
        goodDropArrives(home, "after-broadcast");
    }

}
