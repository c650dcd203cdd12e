package org.agentcellphone.lastmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.RunningRouter;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipts of the last mile through the command line, the router a separate process: every transition, through a
 * kill -9 and a restart, waiting for a state, reads by moving files, and an ack's reply.
 */
class ReceiptsTest {

    @TempDir
    Path tmp;

    private TestHome home(TmuxSwarm swarm) throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), String.join("\n",
                "cellphone.tmux.socket = " + swarm.socket, "cellphone.wake.idle-after = 100ms", ""));
        Files.writeString(home.root.resolve("config/agents.yaml"), String.join("\n",
                "captain: Agent-4",
                "agents:",
                "  - id: Agent-1",
                "    tmux: " + TmuxSwarm.target("Agent-1"),
                "  - id: Agent-2",
                "  - id: Agent-3",
                "  - id: Agent-4", ""));
        return home;
    }

    private static JsonNode state(TestHome home, String id) throws Exception {
        Cli.Result r = Cli.run(home.root, "track", id, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out()).path("recipients").get(0);
    }

    private static String stateName(TestHome home, String id) throws Exception {
        Cli.Result r = Cli.run(home.root, "track", id, "--json");
        return r.exitCode() != 0 ? "unknown" : Json.MAPPER.readTree(r.out()).path("recipients").get(0)
                .path("state").asText();
    }

    @Test
    void everyTransitionIsRecordedAndSurvivesAKillNineAndARestart() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 50);
             TestHome home = home(swarm)) {
            Cli.Result sent = Cli.run(home.root, "send", "-s", "Agent-4", "-a", "Agent-1", "--id", "order-1",
                    "--ack-required", "--subject", "Deploy", "-m", "Deploy the build\nthen report");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(Cli.run(home.root, "track", "order-1").exitCode()).as("still in its outbox: not known yet")
                    .isEqualTo(6);

            Process router = Cli.startRouter(home.root, tmp.resolve("router-1.log"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> stateName(home, "order-1").equals("notified"));
            JsonNode notified = state(home, "order-1");
            assertThat(notified.path("agent").asText()).isEqualTo("Agent-1");
            assertThat(notified.path("accepted_at").asText()).isNotEmpty();
            assertThat(notified.path("delivered_at").asText()).isNotEmpty();
            assertThat(notified.path("notified_by").asText()).isEqualTo("tmux");
            assertThat(notified.path("ack_required").asBoolean()).isTrue();
            assertThat(notified.path("read_at").isNull()).isTrue();
            assertThat(swarm.submissions("Agent-1")).hasSize(1);
            assertThat(awaitingAck(home)).isEqualTo(1);

            // listing twice never marks it read
            for (int i = 0; i < 2; i++) {
                Cli.Result inbox = Cli.run(home.root, "inbox", "-a", "Agent-1", "--json");
                JsonNode items = Json.MAPPER.readTree(inbox.out());
                assertThat(items).hasSize(1);
                assertThat(items.get(0).path("id").asText()).isEqualTo("order-1");
                assertThat(items.get(0).path("subject").asText()).isEqualTo("Deploy");
                assertThat(items.get(0).path("ack_required").asBoolean()).isTrue();
                assertThat(items.get(0).path("read").asBoolean()).isFalse();
            }
            assertThat(stateName(home, "order-1")).isEqualTo("notified");

            Cli.Result read = Cli.run(home.root, "read", "order-1", "-a", "Agent-1");
            assertThat(read.exitCode()).as(read.err()).isZero();
            assertThat(read.out()).contains("Deploy the build\nthen report");
            JsonNode wasRead = state(home, "order-1");
            assertThat(wasRead.path("state").asText()).isEqualTo("read");
            assertThat(wasRead.path("read_by").asText()).isEqualTo("cli");
            assertThat(Cli.run(home.root, "inbox", "-a", "Agent-1").out()).contains("no unread messages");
            JsonNode status = Json.MAPPER.readTree(Cli.run(home.root, "status", "--json").out());
            assertThat(status.get(0).path("agent").asText()).isEqualTo("Agent-1");
            assertThat(status.get(0).path("unread").asLong()).as("read, though its file stays where it is").isZero();

            Cli.kill9(router);
            try (RunningRouter restarted = RunningRouter.start(home.root, tmp.resolve("router-2.log"))) {
                JsonNode afterRestart = state(home, "order-1");
                assertThat(afterRestart.path("state").asText()).isEqualTo("read");
                for (String step : new String[] {"accepted_at", "delivered_at", "notified_at", "read_at"}) {
                    assertThat(afterRestart.path(step).asText()).as(step).isEqualTo(wasRead.path(step).asText());
                }

                Cli.Result ack = Cli.run(home.root, "ack", "order-1", "-a", "Agent-1", "-m", "deployed, all green");
                assertThat(ack.exitCode()).as(ack.err()).isZero();
                String replyId = ack.out().lines().filter(l -> l.startsWith("reply ")).findFirst().orElseThrow()
                        .split(" ")[1];
                JsonNode acked = state(home, "order-1");
                assertThat(acked.path("state").asText()).isEqualTo("acked");
                assertThat(awaitingAck(home)).isZero();
                assertThat(acked.path("acked_at").asText()).isNotEmpty();

                // the reply reaches the sender as a message that answers this one
                await().atMost(Duration.ofSeconds(30)).until(() -> stateName(home, replyId).equals("delivered"));
                String replyText = Files.readString(home.inbox("Agent-4").get(0));
                assertThat(replyText).contains("**In-Reply-To**: order-1").contains("deployed, all green")
                        .contains("Agent-1");
                assertThat(home.record(replyId, "Agent-4").path("in_reply_to").asText()).isEqualTo("order-1");
                assertThat(home.record(replyId, "Agent-4").path("from").asText()).isEqualTo("Agent-1");

                assertThat(Cli.run(home.root, "ack", "order-1", "-a", "Agent-1").out()).contains("already acked");
                assertThat(Cli.run(home.root, "read", "no-such-id", "-a", "Agent-1").exitCode()).isEqualTo(6);
                assertThat(swarm.submissions("Agent-1")).as("typed once, restart or not").hasSize(1);
            }
        }
    }

    @Test
    void waitForReadReturnsWhenTheAgentReadsItAndNeverForAnUnwokenNotify() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 50);
             TestHome home = home(swarm)) {
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                Process waiting = Cli.builder(home.root, List.of("send", "-a", "Agent-2", "--id", "read-me",
                        "-m", "tell me when you have read this", "--wait-for", "read", "--wait", "60"))
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("wait.log").toFile()).start();
                await().atMost(Duration.ofSeconds(30)).until(() -> home.inboxIds("Agent-2").containsKey("read-me"));
                Thread.sleep(500);
                assertThat(waiting.isAlive()).as("delivered is not read").isTrue();
                assertThat(Cli.run(home.root, "read", "read-me", "-a", "Agent-2").exitCode()).isZero();
                assertThat(waiting.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(waiting.exitValue()).isZero();
                assertThat(Files.readString(tmp.resolve("wait.log"))).contains("read by Agent-2");

                Cli.Result notWoken = Cli.run(home.root, "send", "-a", "Agent-2", "--id", "notify-me", "-m", "x",
                        "--wait-for", "notified", "--wait", "30");
                assertThat(notWoken.exitCode()).as("Agent-2 is never woken: exit 1 at once").isEqualTo(1);
                assertThat(notWoken.err()).contains("not notified (none)");

                Cli.Result notAcked = Cli.run(home.root, "send", "-a", "Agent-1", "--id", "ack-me", "-m", "x",
                        "--wait-for", "acked", "--wait", "3");
                assertThat(notAcked.exitCode()).isEqualTo(7);
                assertThat(notAcked.err()).contains("not acked within 3 s");

                Cli.Result woken = Cli.run(home.root, "send", "-a", "Agent-1", "--id", "wake-me", "-m", "x",
                        "--wait-for", "notified", "--wait", "30");
                assertThat(woken.exitCode()).as(woken.err()).isZero();
                assertThat(Cli.run(home.root, "send", "-a", "Agent-1", "-m", "x", "--wait-for", "seen").exitCode())
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void movingAFileOutOfTheInboxOrDeletingItMarksItReadEvenWhileTheRouterIsDown() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 50);
             TestHome home = home(swarm)) {
            Process router = Cli.startRouter(home.root, tmp.resolve("router-1.log"));
            for (String id : new String[] {"moved", "deleted", "moved-while-down", "kept"}) {
                assertThat(Cli.run(home.root, "send", "-a", "Agent-3", "--id", id, "-m", "about " + id).exitCode())
                        .isZero();
            }
            home.awaitInboxCount("Agent-3", 4);
            Path inbox = home.home.inbox("Agent-3");
            Path archive = Files.createDirectories(inbox.resolve("archive_2026-12-02"));
            Files.move(file(home, "moved"), archive.resolve(file(home, "moved").getFileName()));
            Files.delete(file(home, "deleted"));
            await().atMost(Duration.ofSeconds(10)).until(() -> stateName(home, "moved").equals("read")
                    && stateName(home, "deleted").equals("read"));
            assertThat(state(home, "moved").path("read_by").asText()).isEqualTo("file");
            assertThat(state(home, "kept").path("state").asText()).isEqualTo("delivered");

            router.destroy();
            assertThat(router.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Path whileDown = file(home, "moved-while-down");
            Files.move(whileDown, archive.resolve(whileDown.getFileName()));
            try (RunningRouter restarted = RunningRouter.start(home.root, tmp.resolve("router-2.log"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.home.receipts()
                        .resolve("moved-while-down.Agent-3.read.json")));
                Cli.Result inbox3 = Cli.run(home.root, "inbox", "-a", "Agent-3", "--json");
                assertThat(Json.MAPPER.readTree(inbox3.out()).findValuesAsText("id")).containsExactly("kept");
                // read moves nothing back: the moved file is still where the agent put it, and prints from there
                assertThat(Cli.run(home.root, "read", "moved", "-a", "Agent-3").out()).contains("about moved");

                // the next message still arrives, unread
                assertThat(Cli.run(home.root, "send", "-a", "Agent-3", "--id", "next", "-m", "next").exitCode())
                        .isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> stateName(home, "next").equals("delivered"));
            }
        }
    }

    private static long awaitingAck(TestHome home) throws Exception {
        return Json.MAPPER.readTree(Cli.run(home.root, "stats", "--json").out()).path("awaiting_ack").asLong(-1);
    }

    private static Path file(TestHome home, String id) throws Exception {
        return home.inbox("Agent-3").stream().filter(p -> p.getFileName().toString().endsWith("_" + id + ".md"))
                .findFirst().orElseThrow();
    }
}
