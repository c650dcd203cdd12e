package org.agentcellphone.lastmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.RunningRouter;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waking terminal agents: a real tmux server, one window per agent running a program that behaves like an agent's
 * terminal UI, and the router as its own process typing into the panes.
 */
class TmuxWakeTest {

    static final List<String> AGENTS = IntStream.rangeClosed(1, 8).mapToObj(i -> "Agent-" + i).toList();

    @TempDir
    Path tmp;

    /** A home whose roster wakes every agent in its tmux window, and whose router uses the swarm's server. */
    private TestHome home(TmuxSwarm swarm, String idleAfter, String maxWait, Map<String, String> panes)
            throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), String.join("\n",
                "cellphone.tmux.socket = " + swarm.socket,
                "cellphone.wake.idle-after = " + idleAfter,
                "cellphone.wake.max-wait = " + maxWait, ""));
        StringBuilder roster = new StringBuilder("captain: Agent-4\nagents:\n");
        for (String agent : AGENTS) {
            roster.append("  - id: ").append(agent).append("\n    wake: tmux\n    tmux: ")
                    .append(panes.getOrDefault(agent, TmuxSwarm.target(agent))).append('\n');
        }
        Files.writeString(home.root.resolve("config/agents.yaml"), roster);
        return home;
    }

    private static String typed(String agent, String id, boolean urgent, String content) {
        return "[C2A] " + agent + " | " + id + (urgent ? " | URGENT" : "") + "\n\n" + content;
    }

    private static JsonNode track(TestHome home, String id) throws Exception {
        Cli.Result r = Cli.run(home.root, "track", id, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out()).path("recipients").get(0);
    }

    @Test
    void eightConcurrentSendersEachMessageSubmittedOnceWholeIntoItsOwnPane() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), AGENTS, 100);
             TestHome home = home(swarm, "200ms", "60s", Map.of())) {
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                // eight sender processes at once, each writing to three agents; every message has three lines
                List<Process> senders = new ArrayList<>();
                for (int s = 0; s < 8; s++) {
                    StringBuilder script = new StringBuilder("set -e\n");
                    for (int k = 0; k < 3; k++) {
                        String agent = AGENTS.get((s + k) % 8);
                        script.append("\"$0\" send -s Agent-4 -a ").append(agent).append(" --id s").append(s)
                                .append("-").append(agent).append(" -m $'from sender ").append(s).append(" to ")
                                .append(agent).append("\\nsecond line\\nthird line' >/dev/null\n");
                    }
                    senders.add(Cli.shell(home.root, script.toString(), tmp.resolve("sender-" + s + ".log")));
                }
                for (Process sender : senders) {
                    assertThat(sender.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(sender.exitValue()).isZero();
                }
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    int n = 0;
                    for (String agent : AGENTS) {
                        n += swarm.submissions(agent).size();
                    }
                    return n >= 24;
                });
                Thread.sleep(1000);
                for (String agent : AGENTS) {
                    Map<String, String> expected = new HashMap<>();
                    for (int s = 0; s < 8; s++) {
                        for (int k = 0; k < 3; k++) {
                            if (AGENTS.get((s + k) % 8).equals(agent)) {
                                String id = "s" + s + "-" + agent;
                                expected.put(id, typed(agent, id, false,
                                        "from sender " + s + " to " + agent + "\nsecond line\nthird line"));
                            }
                        }
                    }
                    List<String> texts = swarm.submissions(agent).stream().map(TmuxSwarm.Submission::text).toList();
                    assertThat(texts).as("each message once, whole, into %s's pane only", agent)
                            .containsExactlyInAnyOrderElementsOf(expected.values());
                    for (String id : expected.keySet()) {
                        JsonNode state = track(home, id);
                        assertThat(state.path("state").asText()).isEqualTo("notified");
                        assertThat(state.path("notified_by").asText()).isEqualTo("tmux");
                        assertThat(state.path("notified_at").asText()).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void aRegularMessageWaitsWhileTheAgentIsBusyAnUrgentOneDoesNot() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 4000);
             TestHome home = home(swarm, "500ms", "60s", Map.of())) {
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                swarm.typeAndSubmit("Agent-1", "start a long task");
                await().atMost(Duration.ofSeconds(10)).until(() -> swarm.submissions("Agent-1").size() == 1);
                TmuxSwarm.Submission work = swarm.submissions("Agent-1").get(0);
                home.drop("regular.json", "{\"id\":\"regular-1\",\"to\":\"Agent-1\",\"content\":\"when you are done\"}");
                Thread.sleep(300);
                home.drop("urgent.json", "{\"id\":\"urgent-1\",\"to\":\"Agent-1\",\"priority\":\"urgent\","
                        + "\"content\":\"stop now\"}");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> swarm.submissions("Agent-1").size() == 3);
                List<TmuxSwarm.Submission> inputs = swarm.submissions("Agent-1");
                assertThat(inputs.get(1).text()).isEqualTo(typed("Agent-1", "urgent-1", true, "stop now"));
                assertThat(inputs.get(1).busy()).as("the urgent message interrupts the busy agent").isTrue();
                assertThat(inputs.get(1).at()).isLessThan(work.busyUntil());
                assertThat(inputs.get(2).text()).isEqualTo(typed("Agent-1", "regular-1", false, "when you are done"));
                assertThat(inputs.get(2).busy()).as("the regular message waits for the agent to be idle").isFalse();
                assertThat(inputs.get(2).at()).isGreaterThanOrEqualTo(inputs.get(1).busyUntil());
            }
        }
    }

    @Test
    void killNineWhileTypingTwentyMessagesNoMessageIsSubmittedTwice() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 50);
             TestHome home = home(swarm, "100ms", "60s", Map.of())) {
            for (int i = 0; i < 20; i++) {
                home.drop("m" + i + ".json", "{\"id\":\"m" + i + "\",\"to\":\"Agent-1\",\"content\":\"message " + i
                        + "\\nline two\"}");
            }
            Process router = Cli.startRouter(home.root, tmp.resolve("router-1.log"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> swarm.submissions("Agent-1").size() >= 6);
            Cli.kill9(router);
            int beforeKill = swarm.submissions("Agent-1").size();

            try (RunningRouter restarted = RunningRouter.start(home.root, tmp.resolve("router-2.log"))) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                        wakeRecords(home).size() == 20 && !wakeRecords(home).containsValue("typing"));
                Thread.sleep(500);
                Map<String, Long> submitted = swarm.submissions("Agent-1").stream().collect(Collectors.groupingBy(
                        s -> s.text().substring(s.text().indexOf("| ") + 2, s.text().indexOf('\n')),
                        Collectors.counting()));
                Map<String, String> wake = wakeRecords(home);
                assertThat(beforeKill).as("killed while typing").isLessThan(20);
                assertThat(submitted.values()).as("no message submitted twice").allMatch(n -> n == 1);
                wake.forEach((id, status) -> {
                    if (status.equals("notified")) {
                        assertThat(submitted).as(id + " notified, so submitted").containsKey(id);
                    } else {
                        assertThat(status).as(id).isEqualTo("uncertain");
                    }
                });
                assertThat(submitted.size()).isGreaterThanOrEqualTo((int) wake.values().stream()
                        .filter("notified"::equals).count());
                Map<String, Integer> inbox = home.inboxIds("Agent-1");
                assertThat(inbox).hasSize(20);
                assertThat(inbox.values()).allMatch(n -> n == 1);
            }
        }
    }

    @Test
    void aMissingPaneLeavesTheInboxCopyAndTrackSaysWhyTheNextMessageStillWakes() throws Exception {
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 50);
             TestHome home = home(swarm, "100ms", "2s", Map.of("Agent-2", "swarm:no-such-window"))) {
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                assertThat(Cli.run(home.root, "send", "-a", "Agent-2", "--id", "lost-pane", "-m", "anyone there?")
                        .exitCode()).isZero();
                assertThat(Cli.run(home.root, "send", "-a", "Agent-1", "--id", "next-one", "-m", "you are there")
                        .exitCode()).isZero();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Cli.run(home.root, "track", "lost-pane", "--json").out().contains("\"failed\""));
                JsonNode state = track(home, "lost-pane");
                assertThat(state.path("state").asText()).isEqualTo("delivered");
                assertThat(state.path("notified_at").isNull()).isTrue();
                assertThat(state.path("wake_reason").asText()).contains("swarm:no-such-window");
                assertThat(home.inboxIds("Agent-2")).containsEntry("lost-pane", 1);
                assertThat(home.failedEntries()).as("never dead-lettered").isEmpty();
                Cli.Result text = Cli.run(home.root, "track", "lost-pane");
                assertThat(text.out()).contains("not notified (failed)").contains("swarm:no-such-window");

                await().atMost(Duration.ofSeconds(30)).until(() -> swarm.submissions("Agent-1").size() == 1);
                assertThat(swarm.submissions("Agent-1").get(0).text())
                        .isEqualTo(typed("Agent-1", "next-one", false, "you are there"));
            }
        }
    }

    /**
     * Fifty messages, one at a time, each dropped once the agent has been idle a while: each is submitted once, in
     * order. The time from the drop to the submitted input is written to target/wake-latency.txt (a figure to read,
     * not a timed assertion).
     */
    @Test
    void fiftyMessagesIntoAnIdlePaneAreEachSubmittedOnceInOrder() throws Exception {
        int count = 50;
        try (TmuxSwarm swarm = TmuxSwarm.start(tmp.resolve("swarm"), List.of("Agent-1"), 0);
             TestHome home = home(swarm, "200ms", "60s", Map.of())) {
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    // idle: nothing new in the pane for longer than idle-after (tmux keeps activity in whole seconds)
                    Thread.sleep(1300);
                    long dropped = System.currentTimeMillis();
                    home.drop("idle-" + i + ".json", "{\"id\":\"idle-" + i + "\",\"to\":\"Agent-1\","
                            + "\"content\":\"message " + i + "\"}");
                    int expected = i + 1;
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                            .until(() -> swarm.submissions("Agent-1").size() >= expected);
                    TmuxSwarm.Submission s = swarm.submissions("Agent-1").get(i);
                    assertThat(s.text()).isEqualTo(typed("Agent-1", "idle-" + i, false, "message " + i));
                    millis.add(s.at() - dropped);
                }
                Thread.sleep(500);
                assertThat(swarm.submissions("Agent-1")).hasSize(count);
                List<Long> sorted = millis.stream().sorted().toList();
                String report = String.format("drop to submitted input in an idle tmux pane, %d messages: median %d ms,"
                        + " p99 %d ms, max %d ms (message %d); all: %s%n", count, sorted.get(count / 2),
                        sorted.get((int) Math.ceil(count * 0.99) - 1), sorted.get(count - 1),
                        millis.indexOf(sorted.get(count - 1)), millis);
                System.out.print(report);
                Files.writeString(Path.of("target", "wake-latency.txt"), report);
            }
        }
    }

    /** Each message's wake status, from its receipt. */
    private static Map<String, String> wakeRecords(TestHome home) throws Exception {
        Map<String, String> found = new HashMap<>();
        for (Path file : TestHome.list(home.home.receipts(), "*.wake.json")) {
            JsonNode r = Json.MAPPER.readTree(Files.readAllBytes(file));
            found.put(r.path("id").asText(), r.path("status").asText());
        }
        return found;
    }
}
