package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router and the CLI as separate processes, the way users run them. */
class RouterProcessTest {

    @TempDir
    Path tmp;

    @Test
    void inboxThatCannotBeWrittenForAFewSecondsGetsTheMessageOnceItCan() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 40\n");
        Path inbox = home.home.inbox("Agent-2");
        Files.delete(inbox);
        Files.writeString(inbox, "an inbox path taken by a file: not writable, even for root");
        Process router = Cli.startRouter(home.root, tmp.resolve("router.log"));
        try {
            CompletableFuture<Cli.Result> send = CompletableFuture.supplyAsync(() -> {
                try {
                    return Cli.run(home.root, "-a", "Agent-2", "-m", "are you there", "--id", "blocked-1", "--wait=60");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("router.log")).contains("retrying blocked-1"));
            Thread.sleep(2000);
            assertThat(send).isNotDone();
            Files.delete(inbox);

            Cli.Result result = send.get();
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).startsWith("blocked-1\n").contains("delivered to Agent-2");
            assertThat(home.inboxIds("Agent-2")).containsExactlyEntriesOf(Map.of("blocked-1", 1));
            assertThat(home.failedEntries()).isEmpty();
        } finally {
            router.destroy();
            router.waitFor();
        }
    }

    @Test
    void secondRouterOnTheSameHomeRefusesToStart() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Process first = Cli.startRouter(home.root, tmp.resolve("first.log"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("first.log")).contains("router running"));
            Cli.Result second = Cli.run(home.root, "run");
            assertThat(second.exitCode()).isEqualTo(7);
            assertThat(second.err()).contains("another router is already running on this home (pid " + first.pid());
        } finally {
            first.destroy();
            first.waitFor();
        }
    }

    @Test
    void processQueueDrainsWhatWasDroppedWhileNoRouterRanThenExits() throws Exception {
        // a home no router has ever started on: no folders yet, only settings
        Path root = Files.createDirectories(tmp.resolve("home/config"));
        Files.writeString(root.resolve("application.properties"), TestHome.FAST_SETTINGS);
        for (int i = 0; i < 20; i++) {
            Cli.Result sent = Cli.run(root.getParent(), "-a", "Agent-" + (i % 8 + 1), "-m", "offline " + i);
            assertThat(sent.exitCode()).as(sent.err()).isZero();
        }
        TestHome home = new TestHome(root.getParent());
        Cli.Result drained = Cli.run(home.root, "--process-queue");
        assertThat(drained.exitCode()).as(drained.err()).isZero();
        assertThat(home.records()).hasSize(20);
        assertThat(TestHome.list(home.home.pending(), "*.json")).isEmpty();
        assertThat(TestHome.list(home.home.outbox(), "*")).isEmpty();
    }

    @Test
    void exitCodesOfSending() throws Exception {
        Path root = tmp.resolve("home");
        TestHome home = new TestHome(root);
        assertThat(Cli.run(root, "-a", "Agent-1").exitCode()).isEqualTo(3);
        assertThat(Cli.run(root, "-m", "no recipient").exitCode()).isEqualTo(3);
        assertThat(Cli.run(root, "--bulk", "-a", "Agent-1", "-m", "x").exitCode()).isEqualTo(2);
        Cli.Result unknown = Cli.run(root, "-a", "Agent-42", "-m", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Agent-42").contains("Agent-1, Agent-2");
        assertThat(Cli.run(root, "-a", "Agent-1", "-m", "x", "-p", "whenever").exitCode()).isEqualTo(2);
        assertThat(Cli.run(root, "-a", "Agent-1", "-m", "x", "--id", "../evil").exitCode()).isEqualTo(2);
        assertThat(Cli.run(root, "--no-such-flag").exitCode()).isEqualTo(2);
        assertThat(Cli.run(root, "-a", "Agent-1", "-m", "x", "--wait=1").exitCode()).isEqualTo(7);
        Cli.Result json = Cli.run(root, "--queue-stats", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"outbox\" : 1", "\"pending\" : 0", "\"delivered\" : 0", "\"failed\" : 0",
                "\"duplicates\" : 0", "\"total\" : 1", "\"oldest_pending\" : null", "\"newest_pending\" : null");
        assertThat(home.failedEntries()).isEmpty();
    }

    @Test
    void bulkReachesEveryActiveAgentWithTheCaptainAcceptedLast() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Cli.Result sent = Cli.run(home.root, "--bulk", "-m", "stand-up in 5", "--id", "bulk-1");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
        long captainSeq = home.record("bulk-1", "Agent-4").path("seq").asLong();
        for (String agent : java.util.List.of("Agent-1", "Agent-2", "Agent-3", "Agent-5", "Agent-6", "Agent-7", "Agent-8")) {
            assertThat(home.inboxIds(agent)).containsOnlyKeys("bulk-1");
            assertThat(home.record("bulk-1", agent).path("seq").asLong()).as(agent).isLessThan(captainSeq);
        }
        assertThat(Files.readString(home.inbox("Agent-1").get(0))).startsWith("# [C2A-ALL] BROADCAST - BROADCAST\n");
    }

    @Test
    void brokenRosterStopsTheRouterNamingFileAndLine() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Files.writeString(home.root.resolve("config/agents.yaml"), "captain: Agent-4\nagents:\n  - id: Agent-1\n    colour: blue\n");
        Cli.Result run = Cli.run(home.root, "run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config/agents.yaml:4: unknown agent key 'colour'");
    }

    @Test
    void rosterFileDecidesWhoExistsAndWhoGetsBroadcasts() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Files.writeString(home.root.resolve("config/agents.yaml"), String.join("\n",
                "captain: Lead", "agents:", "  - id: Dev-1", "    role: Backend", "    chat_input: [100, 200]",
                "  - id: Dev-2", "    role: Frontend", "    active: false", "  - id: Lead", "    role: Captain", ""));
        Cli.Result list = Cli.run(home.root, "--list-agents");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Dev-1").contains("Backend").contains("inactive").contains("captain")
                .contains("agent_workspaces/Lead/inbox");
        Cli.Result coords = Cli.run(home.root, "--coordinates");
        assertThat(coords.out()).contains("chat (100, 200)");
        assertThat(Cli.run(home.root, "--bulk", "-m", "hello team", "--id", "team-1").exitCode()).isZero();
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
        assertThat(home.inboxIds("Dev-1")).containsOnlyKeys("team-1");
        assertThat(home.inboxIds("Lead")).containsOnlyKeys("team-1");
        assertThat(home.inbox("Dev-2")).isEmpty();
        Cli.Result unknown = Cli.run(home.root, "-a", "Agent-1", "-m", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("known agents: Dev-1, Dev-2, Lead");
    }

    @Test
    void historyListsDeliveriesNewestFirstAcrossRouterRestarts() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        assertThat(Cli.run(home.root, "-a", "Agent-3", "-m", "before restart", "--id", "h-1").exitCode()).isZero();
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
        Thread.sleep(20);
        assertThat(Cli.run(home.root, "-a", "Agent-5", "-m", "after restart", "--id", "h-2", "--subject", "second").exitCode()).isZero();
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();

        Cli.Result all = Cli.run(home.root, "--history");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out().indexOf("h-2")).isGreaterThanOrEqualTo(0).isLessThan(all.out().indexOf("h-1"));
        assertThat(all.out()).contains("second");
        Cli.Result one = Cli.run(home.root, "--history", "-a", "Agent-3", "--json");
        assertThat(one.out()).contains("\"id\" : \"h-1\"").doesNotContain("h-2");
        assertThat(Cli.run(home.root, "--history", "--limit", "1").out()).contains("h-2").doesNotContain("h-1");
    }

    @Test
    void onboardingGivesEveryAgentOneUrgentOnboardingMessageCaptainLast() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Cli.Result sent = Cli.run(home.root, "--onboarding", "--onboarding-style", "professional", "-m", "Ship it.");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().lines()).hasSize(8);
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
        long captainSeq = 0;
        long maxOtherSeq = 0;
        for (int a = 1; a <= 8; a++) {
            String agent = "Agent-" + a;
            assertThat(home.inbox(agent)).as(agent).hasSize(1);
            Path file = home.inbox(agent).get(0);
            assertThat(file.getFileName().toString()).contains("_urgent_Agent-4_onboarding-");
            String md = Files.readString(file);
            assertThat(md).startsWith("# [C2A] ONBOARDING - ONBOARDING").contains("**Tags**: captain, onboarding")
                    .contains("Welcome, " + agent).contains("Ship it.").contains("professional");
            String id = org.agentcellphone.delivery.InboxFormat.idOf(file.getFileName().toString());
            long seq = home.record(id, agent).path("seq").asLong();
            if (a == 4) {
                captainSeq = seq;
            } else {
                maxOtherSeq = Math.max(maxOtherSeq, seq);
            }
        }
        assertThat(captainSeq).isGreaterThan(maxOtherSeq);

        assertThat(Cli.run(home.root, "--onboard").exitCode()).isEqualTo(3);
        assertThat(Cli.run(home.root, "--onboarding", "-a", "Agent-1").exitCode()).isEqualTo(2);
        assertThat(Cli.run(home.root, "--wrapup", "-a", "Agent-1").exitCode()).isEqualTo(2);
        assertThat(Cli.run(home.root, "--onboard", "-a", "Agent-2", "--onboarding-style", "grumpy").exitCode()).isEqualTo(2);
        Cli.Result wrap = Cli.run(home.root, "--wrapup");
        assertThat(wrap.exitCode()).isZero();
        assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
        assertThat(Files.readString(home.inbox("Agent-7").stream().filter(p -> p.toString().contains("wrapup")).findFirst()
                .orElseThrow())).startsWith("# [C2A-ALL] BROADCAST - BROADCAST").contains("**Tags**: captain, wrapup");
    }
}
