package org.agentcellphone.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.agentcellphone.support.Xvfb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GUI delivery on a virtual display (Xvfb): a real router process types with java.awt.Robot and the clipboard into
 * real Swing windows of another process, one per agent, placed at the agents' configured coordinates.
 */
class GuiDeliveryTest {

    private static final int COLUMNS = 4;
    private static final int WIDTH = 390;
    private static final int HEIGHT = 480;

    private static Xvfb xvfb;

    @TempDir
    Path tmp;
    private Path events;
    private Process windows;
    private Process router;

    @BeforeAll
    static void startDisplay() throws IOException {
        Assumptions.assumeTrue(Xvfb.installed(),
                "Xvfb is not installed (apt-get install -y xvfb): the GUI delivery tests are skipped");
        xvfb = Xvfb.start();
    }

    @AfterAll
    static void stopDisplay() throws InterruptedException {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @BeforeEach
    void openChatWindows() throws Exception {
        events = Files.createDirectories(tmp.resolve("events"));
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", testClassPath(),
                ChatWindows.class.getName(), events.toString()));
        for (int n = 1; n <= 8; n++) {
            command.add("Agent-" + n + "," + left(n) + "," + top(n) + "," + WIDTH + "," + HEIGHT);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("windows.log").toFile());
        pb.environment().put("DISPLAY", xvfb.display());
        windows = pb.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(events.resolve("ready")));
    }

    @AfterEach
    void closeAll() throws Exception {
        Path log = tmp.resolve("router.log");
        if (Files.exists(log)) {
            // the typing lines (with their time per message) stay in the test report
            Files.readAllLines(log).stream().filter(l -> l.contains("typed ") || l.contains("GUI typing"))
                    .forEach(System.out::println);
        }
        for (Process p : new Process[] {router, windows}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void eachTextLandsWholeInItsOwnWindowUrgentWithCtrlEnterRegularWithEnterAndTheClipboardIsRestored()
            throws Exception {
        TestHome home = guiHome("home", "cellphone.delivery.mode = gui\n", rosterWithCoordinates());
        startRouter(home, true);

        assertThat(send(home, "-a", "Agent-2", "-m", "hello two\nsecond line ✓").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-6", "-m", "urgent for six", "--urgent", "--mode", "pyautogui")
                .exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-7", "-m", "inbox only", "--mode", "inbox").exitCode()).isZero();
        assertThat(send(home, "--onboard", "-a", "Agent-3").exitCode()).isZero();

        List<JsonNode> two = awaitEvents("Agent-2", 1);
        assertThat(two.get(0).path("key").asText()).isEqualTo("enter");
        assertThat(two.get(0).path("input").asText()).isEqualTo("chat");
        assertThat(two.get(0).path("text").asText()).isEqualTo("[C2A] Agent-2\n\nhello two\nsecond line ✓");

        List<JsonNode> six = awaitEvents("Agent-6", 1);
        assertThat(six.get(0).path("key").asText()).isEqualTo("ctrl+enter");
        assertThat(six.get(0).path("text").asText()).isEqualTo("[C2A] Agent-6 | URGENT\n\nurgent for six");

        List<JsonNode> three = awaitEvents("Agent-3", 2);
        assertThat(three.get(0).path("key").asText()).as("onboarding opens a new tab first").isEqualTo("ctrl+t");
        assertThat(three.get(1).path("key").asText()).isEqualTo("ctrl+enter");
        assertThat(three.get(1).path("input").asText()).isEqualTo("onboarding");
        assertThat(three.get(1).path("text").asText()).startsWith("[C2A] Agent-3 | URGENT\n\n").contains("Agent-3");

        home.awaitInboxCount("Agent-7", 1);
        Thread.sleep(1000);
        assertThat(events("Agent-7")).as("a message in inbox mode is not typed").isEmpty();
        for (String agent : List.of("Agent-1", "Agent-4", "Agent-5", "Agent-8")) {
            assertThat(events(agent)).as(agent + "'s window got nothing").isEmpty();
        }
        assertThat(home.inbox("Agent-2")).as("the inbox copy is written as well").hasSize(1);
        JsonNode record = awaitGuiOutcome(home, "Agent-2");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("typed");
        assertThat(record.path("mode").asText()).isEqualTo("gui");
        assertThat(clipboard()).isEqualTo(ChatWindows.USER_CLIPBOARD);
    }

    @Test
    void eightConcurrentSendersOfFiveMessagesEachNeverInterleave() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, true);
        List<Process> senders = new ArrayList<>();
        for (int s = 1; s <= 8; s++) {
            String loop = "for i in 1 2 3 4 5; do \"$0\" -a Agent-" + s + " --mode gui -m \"sender " + s
                    + " message $i: the whole text must arrive in one piece\" > /dev/null || exit 1; done";
            senders.add(Cli.shell(home.root, loop, tmp.resolve("sender-" + s + ".log")));
        }
        for (Process sender : senders) {
            assertThat(sender.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(sender.exitValue()).as("sender exit code").isZero();
        }
        for (int s = 1; s <= 8; s++) {
            List<JsonNode> got = awaitEvents("Agent-" + s, 5);
            Set<String> texts = new HashSet<>();
            for (JsonNode event : got) {
                assertThat(event.path("key").asText()).isEqualTo("enter");
                String text = event.path("text").asText();
                assertThat(text).matches("\\[C2A\\] Agent-" + s + "\n\nsender " + s
                        + " message [1-5]: the whole text must arrive in one piece");
                texts.add(text);
            }
            assertThat(texts).as("Agent-" + s + " got its own five messages, each once").hasSize(5);
        }
        Thread.sleep(1000);
        for (int s = 1; s <= 8; s++) {
            assertThat(events("Agent-" + s)).hasSize(5);
        }
    }

    @Test
    void anUrgentMessageOvertakesRegularOnesWaitingInTheGuiLane() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, true);
        for (int i = 1; i <= 6; i++) {
            home.drop("r" + i + ".json", "{\"id\":\"regular-" + i + "\",\"to\":\"Agent-1\",\"mode\":\"gui\","
                    + "\"content\":\"regular " + i + "\"}");
        }
        awaitEvents("Agent-1", 1);
        home.drop("u.json", "{\"id\":\"the-urgent\",\"to\":\"Agent-2\",\"mode\":\"gui\",\"priority\":\"urgent\","
                + "\"content\":\"urgent\"}");
        awaitEvents("Agent-1", 6);
        awaitEvents("Agent-2", 1);
        List<String> typedOrder = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> typedRecords(home).size() == 7);
        typedRecords(home).stream()
                .sorted(java.util.Comparator.comparing(r -> r.path("gui").path("typed_at").asText()))
                .forEach(r -> typedOrder.add(r.path("id").asText()));
        assertThat(typedOrder.indexOf("the-urgent")).as("typed in this order: " + typedOrder).isLessThanOrEqualTo(3);
        assertThat(typedOrder.stream().filter(id -> id.startsWith("regular")).toList())
                .as("regular ones keep their order").containsExactly("regular-1", "regular-2", "regular-3",
                        "regular-4", "regular-5", "regular-6");
    }

    private static List<JsonNode> typedRecords(TestHome home) throws IOException {
        List<JsonNode> typed = new ArrayList<>();
        for (Path record : home.records()) {
            JsonNode r = Json.MAPPER.readTree(record.toFile());
            if ("typed".equals(r.path("gui").path("status").asText())) {
                typed.add(r);
            }
        }
        return typed;
    }

    @Test
    void withoutADisplayTheInboxCopyIsDeliveredAndTheRecordSaysWhyTypingFailed() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, false);
        assertThat(send(home, "-a", "Agent-5", "-m", "no screen here", "--mode", "gui").exitCode()).isZero();
        home.awaitInboxCount("Agent-5", 1);
        JsonNode record = awaitGuiOutcome(home, "Agent-5");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(record.path("gui").path("reason").asText()).contains("no display");
        assertThat(home.failedEntries()).as("never dead-lettered for the GUI").isEmpty();
        assertThat(events("Agent-5")).isEmpty();
    }

    @Test
    void coordinatesOutsideEveryScreenAreRefusedNotTypedAndTheOriginalCoordinatesFileIsRead() throws Exception {
        // no coordinates in the roster: they come from the original system's file, Agent-8's on a monitor we lack
        TestHome home = guiHome("home", "", null);
        StringBuilder coords = new StringBuilder("{\"version\": \"2.0.0\", \"agents\": {");
        for (int n = 1; n <= 8; n++) {
            if (n == 7) {
                continue;
            }
            int[] chat = n == 8 ? new int[] {-1269, 481} : chatInput(n);
            coords.append(n > 1 ? "," : "").append("\"Agent-").append(n).append("\": {\"chat_input_coordinates\": [")
                    .append(chat[0]).append(", ").append(chat[1]).append("], \"onboarding_input_coords\": [")
                    .append(onboardingInput(n)[0]).append(", ").append(onboardingInput(n)[1])
                    .append("], \"active\": true}");
        }
        coords.append("}}");
        Files.writeString(home.root.resolve("cursor_agent_coords.json"), coords);
        startRouter(home, true);

        assertThat(send(home, "-a", "Agent-8", "-m", "off screen", "--mode", "gui").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-7", "-m", "nowhere to type", "--mode", "gui").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-1", "-m", "on screen", "--mode", "gui").exitCode()).isZero();
        List<JsonNode> one = awaitEvents("Agent-1", 1);
        assertThat(one.get(0).path("text").asText()).isEqualTo("[C2A] Agent-1\n\non screen");
        JsonNode record = awaitGuiOutcome(home, "Agent-8");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(record.path("gui").path("reason").asText())
                .contains("(-1269, 481)", "cursor_agent_coords.json", "outside every screen");
        JsonNode none = awaitGuiOutcome(home, "Agent-7");
        assertThat(none.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(none.path("gui").path("reason").asText()).contains("no chat_input coordinates for Agent-7");
        assertThat(home.inbox("Agent-7")).hasSize(1);
        Thread.sleep(500);
        for (int n = 2; n <= 8; n++) {
            assertThat(events("Agent-" + n)).as("nothing typed into Agent-" + n + "'s window").isEmpty();
        }

        Cli.Result shown = send(home, "--coordinates");
        assertThat(shown.out()).contains("Agent-8", "(-1269, 481)", "cursor_agent_coords.json");
    }

    // ---- the desktop: a 4 x 2 grid of chat windows

    private static int left(int n) {
        return 5 + ((n - 1) % COLUMNS) * 400;
    }

    private static int top(int n) {
        return 10 + ((n - 1) / COLUMNS) * 495;
    }

    private static int[] chatInput(int n) {
        return new int[] {left(n) + WIDTH / 2, top(n) + ChatWindows.ONBOARDING_HEIGHT + 150};
    }

    private static int[] onboardingInput(int n) {
        return new int[] {left(n) + WIDTH / 2, top(n) + ChatWindows.ONBOARDING_HEIGHT / 2};
    }

    private static String rosterWithCoordinates() {
        StringBuilder yaml = new StringBuilder("captain: Agent-4\nagents:\n");
        for (int n = 1; n <= 8; n++) {
            yaml.append("  - id: Agent-").append(n).append("\n    role: Agent ").append(n)
                    .append("\n    chat_input: [").append(chatInput(n)[0]).append(", ").append(chatInput(n)[1])
                    .append("]\n    onboarding_input: [").append(onboardingInput(n)[0]).append(", ")
                    .append(onboardingInput(n)[1]).append("]\n");
        }
        return yaml.toString();
    }

    // ---- helpers

    private TestHome guiHome(String name, String settings, String roster) throws Exception {
        TestHome home = new TestHome(tmp.resolve(name), settings);
        if (roster != null) {
            Files.writeString(home.root.resolve("config/agents.yaml"), roster);
        }
        return home;
    }

    private void startRouter(TestHome home, boolean withDisplay) throws Exception {
        ProcessBuilder pb = Cli.builder(home.root, List.of("run")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("router.log").toFile());
        if (withDisplay) {
            pb.environment().put("DISPLAY", xvfb.display());
        } else {
            pb.environment().remove("DISPLAY");
        }
        router = pb.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(tmp.resolve("router.log")).contains("router running"));
    }

    private static Cli.Result send(TestHome home, String... args) throws Exception {
        return Cli.run(home.root, args);
    }

    private List<JsonNode> events(String agent) throws IOException {
        Path file = events.resolve(agent + ".events");
        List<JsonNode> found = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                found.add(Json.MAPPER.readTree(line));
            }
        }
        return found;
    }

    private List<JsonNode> awaitEvents(String agent, int count) throws IOException {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> events(agent).size() >= count);
        return events(agent);
    }

    /** The agent's delivery record once GUI typing has an outcome (typed or failed). */
    private static JsonNode awaitGuiOutcome(TestHome home, String agent) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Path record : home.records()) {
                JsonNode r = Json.MAPPER.readTree(record.toFile());
                String status = r.path("gui").path("status").asText();
                if (agent.equals(r.path("recipient").asText()) && (status.equals("typed") || status.equals("failed"))) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private String clipboard() throws Exception {
        Files.writeString(events.resolve("dump-clipboard"), "please");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(events.resolve("clipboard.txt")));
        return Files.readString(events.resolve("clipboard.txt"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String testClassPath() {
        Path target = Cli.REPO.resolve("target");
        return String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("lib").resolve("*").toString());
    }
}
