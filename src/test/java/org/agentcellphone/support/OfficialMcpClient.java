package org.agentcellphone.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An MCP session of one agent through the official TypeScript SDK client, from the npm registry: a Node process
 * ({@code src/test/node/mcp-session.mjs}) that spawns {@code bin/cellphone mcp --agent A} over stdio and does what
 * this class asks, one JSON line each way. Nothing here speaks MCP itself.
 */
public final class OfficialMcpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Path DRIVER = Cli.REPO.resolve("src/test/node/mcp-session.mjs");

    private final Process node;
    private final BufferedReader answers;
    private final Writer commands;
    /** The first line: connect time, the server's name and version, the client SDK's version. */
    public final JsonNode ready;

    /** Starts the driver and waits for its first line: the session is connected, or this fails. */
    private OfficialMcpClient(Process node) throws IOException {
        this.node = node;
        this.answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        this.ready = answer();
        if (!ready.path("ready").asBoolean()) {
            node.destroyForcibly();
            throw new IllegalStateException("the MCP client did not connect: " + ready);
        }
    }

    /** Starts a session for {@code agent} on {@code home}; the client's stderr and the server's go to {@code log}. */
    public static OfficialMcpClient start(Path home, String agent, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", DRIVER.toString(), Cli.SCRIPT.toString(), agent);
        pb.environment().put("CELLPHONE_HOME", home.toString());
        pb.environment().put("CELLPHONE_SKIP_BUILD", "1");
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new OfficialMcpClient(pb.start());
    }

    /** The tools the server lists, as the client received them. */
    public JsonNode listTools() throws IOException {
        return ask(Map.of("op", "list")).path("tools");
    }

    /** Calls a tool; the answer holds {@code result} (content, structuredContent, isError) and {@code ms}. */
    public JsonNode call(String tool, Map<String, ?> arguments) throws IOException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("op", "call");
        command.put("name", tool);
        command.put("arguments", arguments);
        return ask(command);
    }

    /** The structured result of a call that must succeed. */
    public JsonNode ok(String tool, Map<String, ?> arguments) throws IOException {
        JsonNode answer = call(tool, arguments);
        JsonNode result = answer.path("result");
        if (answer.has("thrown") || result.path("isError").asBoolean(false)) {
            throw new AssertionError(tool + " " + arguments + " failed: " + answer);
        }
        return result.path("structuredContent");
    }

    /** What the client's transport refused (lines on the server's stdout that are not JSON-RPC messages). */
    public List<String> transportErrors() throws IOException {
        return JSON.convertValue(ask(Map.of("op", "errors")).path("errors"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** Closes the session as the client does (stdin ended); the answer tells how the server process ended. */
    public JsonNode closeSession() throws IOException {
        return ask(Map.of("op", "close"));
    }

    private JsonNode ask(Map<String, ?> command) throws IOException {
        commands.write(JSON.writeValueAsString(command) + "\n");
        commands.flush();
        return answer();
    }

    private JsonNode answer() throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String text = line.get(60, TimeUnit.SECONDS);
            if (text == null) {
                throw new IOException("the MCP client ended (exit " + node.waitFor() + ")");
            }
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IOException("no answer from the MCP client: " + e, e);
        }
    }

    @Override
    public void close() throws Exception {
        node.getOutputStream().close();
        if (!node.waitFor(15, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
        }
    }
}
