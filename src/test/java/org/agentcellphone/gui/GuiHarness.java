package org.agentcellphone.gui;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * GUI delivery on a virtual display (Xvfb): a real router process types with java.awt.Robot and the clipboard into
 * real Swing windows of another process, one per agent, placed at the agents' configured coordinates. What every
 * GUI delivery test shares: the display, the windows, the router process and the helpers that read what was typed.
 */
abstract class GuiHarness {

    static final int COLUMNS = 4;
    static final int WIDTH = 390;
    static final int HEIGHT = 480;

    static Xvfb xvfb;

    @TempDir
    Path tmp;
    Path events;
    Process windows;
    Process router;

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

    static List<JsonNode> typedRecords(TestHome home) throws IOException {
        List<JsonNode> typed = new ArrayList<>();
        for (Path record : home.records()) {
            JsonNode r = Json.MAPPER.readTree(record.toFile());
            if ("typed".equals(r.path("gui").path("status").asText())) {
                typed.add(r);
            }
        }
        return typed;
    }

    static int left(int n) {
        return 5 + ((n - 1) % COLUMNS) * 400;
    }

    static int top(int n) {
        return 10 + ((n - 1) / COLUMNS) * 495;
    }

    static int[] chatInput(int n) {
        return new int[] {left(n) + WIDTH / 2, top(n) + ChatWindows.ONBOARDING_HEIGHT + 150};
    }

    static int[] onboardingInput(int n) {
        return new int[] {left(n) + WIDTH / 2, top(n) + ChatWindows.ONBOARDING_HEIGHT / 2};
    }

    static String rosterWithCoordinates() {
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

    TestHome guiHome(String name, String settings, String roster) throws Exception {
        TestHome home = new TestHome(tmp.resolve(name), settings);
        if (roster != null) {
            Files.writeString(home.root.resolve("config/agents.yaml"), roster);
        }
        return home;
    }

    void startRouter(TestHome home, boolean withDisplay) throws Exception {
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

    static Cli.Result send(TestHome home, String... args) throws Exception {
        return Cli.run(home.root, args);
    }

    List<JsonNode> events(String agent) throws IOException {
        Path file = events.resolve(agent + ".events");
        List<JsonNode> found = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                found.add(Json.MAPPER.readTree(line));
            }
        }
        return found;
    }

    List<JsonNode> awaitEvents(String agent, int count) throws IOException {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> events(agent).size() >= count);
        return events(agent);
    }

    /** The agent's delivery record once GUI typing has an outcome (typed or failed). */
    static JsonNode awaitGuiOutcome(TestHome home, String agent) {
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

    String clipboard() throws Exception {
        Files.writeString(events.resolve("dump-clipboard"), "please");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(events.resolve("clipboard.txt")));
        return Files.readString(events.resolve("clipboard.txt"));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String testClassPath() {
        Path target = Cli.REPO.resolve("target");
        return String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("lib").resolve("*").toString());
    }
}
