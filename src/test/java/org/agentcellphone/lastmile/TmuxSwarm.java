package org.agentcellphone.lastmile;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.model.Json;

/**
 * A real tmux server on a private socket with one window per agent, each running {@link FakeAgentTui}: the swarm of
 * terminal agents the wake tests type into.
 */
final class TmuxSwarm implements AutoCloseable {

    /** One input the agent took: what it was and when. */
    record Submission(String pane, String text, long at, boolean busy, long busyUntil) {
    }

    final Path socket;
    private final Path dir;
    private final Map<String, Path> logs = new LinkedHashMap<>();

    private TmuxSwarm(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("tmux.sock");
    }

    /** Starts the server with a window named after each agent, and waits until every agent shows its prompt. */
    static TmuxSwarm start(Path dir, List<String> agents, long busyMillis) throws Exception {
        Files.createDirectories(dir);
        TmuxSwarm swarm = new TmuxSwarm(dir);
        boolean first = true;
        for (String agent : agents) {
            Path log = dir.resolve(agent + ".log");
            swarm.logs.put(agent, log);
            String command = agentCommand(log, agent, busyMillis);
            if (first) {
                swarm.tmux("new-session", "-d", "-s", "swarm", "-x", "250", "-y", "50", "-n", agent, command);
                first = false;
            } else {
                swarm.tmux("new-window", "-d", "-t", "swarm", "-n", agent, command);
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (Path log : swarm.logs.values()) {
                if (!Files.exists(log)) {
                    return false;
                }
            }
            return true;
        });
        return swarm;
    }

    /** The pane of an agent, as the roster names it. */
    static String target(String agent) {
        return "swarm:" + agent;
    }

    /** Types text at the agent's prompt and presses Enter, as a person would: the agent gets busy. */
    void typeAndSubmit(String agent, String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", target(agent), "-l", text);
        tmux("send-keys", "-t", target(agent), "-H", "0d");
    }

    /** Every input the agent took, in order. */
    List<Submission> submissions(String agent) throws IOException {
        List<Submission> found = new ArrayList<>();
        Path log = logs.get(agent);
        if (!Files.exists(log)) {
            return found;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n.has("text")) {
                found.add(new Submission(n.path("pane").asText(), n.path("text").asText(), n.path("at").asLong(),
                        n.path("busy").asBoolean(), n.path("busy_until").asLong()));
            }
        }
        return found;
    }

    String capture(String agent) throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", target(agent));
    }

    String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    private static String agentCommand(Path log, String agent, long busyMillis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path classes = Path.of(FakeAgentTui.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // tmux runs it through sh: every part is quoted
        return String.join(" ", quote(java), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp",
                quote(classes.toString()), FakeAgentTui.class.getName(), quote(log.toString()), quote(agent),
                String.valueOf(busyMillis));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() throws Exception {
        try {
            tmux("kill-server");
        } catch (IOException alreadyGone) {
            // nothing to stop
        }
    }
}
