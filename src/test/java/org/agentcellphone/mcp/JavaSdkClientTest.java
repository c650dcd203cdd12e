package org.agentcellphone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.JavaMcpClient;
import org.agentcellphone.support.RunningRouter;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cellphone mcp} through the MCP Java SDK's own client, and through a bare pipe: the fast path (startup,
 * a stream of sends, each delivered once from the session's agent) and a stdout that holds the protocol only.
 * The times are written to {@code target/mcp-latency.txt}, never asserted (the machines are shared).
 */
class JavaSdkClientTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aStreamOfSendsThroughOneSessionIsDeliveredOnceEachFromItsAgent() throws Exception {
        int messages = 200;
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            List<Double> startups = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                try (McpSyncClient warmup = JavaMcpClient.of(home.root, "Agent-1", true)) {
                    warmup.initialize();
                    startups.add((System.nanoTime() - t0) / 1e6);
                }
            }
            List<Double> sends = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            try (McpSyncClient client = JavaMcpClient.of(home.root, "Agent-1", true)) {
                client.initialize();
                assertThat(client.listTools().tools()).hasSize(11);
                for (int i = 0; i < messages; i++) {
                    long t0 = System.nanoTime();
                    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("send_message",
                            Map.of("to", "Agent-2", "content", "message " + i, "from", "Agent-7")));
                    sends.add((System.nanoTime() - t0) / 1e6);
                    assertThat(result.isError()).as(result.toString()).isFalse();
                    ids.add(PLAIN.valueToTree(result.structuredContent()).path("id").asText());
                }
            }
            assertThat(ids).hasSize(messages);
            List<Path> drops = TestHome.list(home.home.outbox(), "*.json");
            assertThat(drops).hasSize(messages);
            for (Path drop : drops) {
                assertThat(Json.MAPPER.readTree(drop.toFile()).path("from").asText()).isEqualTo("Agent-1");
            }
            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                home.awaitInboxCount("Agent-2", messages);
            }
            Map<String, Integer> delivered = home.inboxIds("Agent-2");
            assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(delivered.values()).allMatch(n -> n == 1);

            List<Double> sorted = sends.stream().sorted().toList();
            String figures = String.format("mcp startup (spawn to initialized, Java SDK client) runs %s ms%n"
                            + "send_message through one session, %d calls: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    startups.stream().map(ms -> String.format("%.0f", ms)).toList(), messages,
                    sorted.get(messages / 2), sorted.get((int) Math.ceil(messages * 0.99) - 1),
                    sorted.get(messages - 1));
            Files.writeString(Path.of("target/mcp-latency.txt"), figures);
            System.out.print(figures);
        }
    }

    @Test
    void stdoutHoldsOnlyProtocolMessagesAndALineThatIsNotJsonRpcEndsTheServer() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            Process server = Cli.builder(home.root, List.of("mcp", "--agent", "Agent-3"))
                    .redirectError(tmp.resolve("stderr.txt").toFile()).start();
            Writer in = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> requests = List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    call(3, "send_message", "{\"to\":\"Agent-1\",\"content\":\"hi\"}"),
                    call(4, "send_message", "{\"to\":\"Agent-1\"}"),
                    call(5, "read_message", "{\"id\":\"m-unknown\"}"),
                    call(6, "list_agents", "{}"),
                    call(7, "update_status", "{\"status\":\"ACTIVE\"}"));
            List<JsonNode> answers = new ArrayList<>();
            for (String request : requests) {
                in.write(request + "\n");
                in.flush();
                if (request.contains("\"id\"")) {
                    String line = out.readLine();
                    assertThat(line).as("an answer to " + request).isNotNull();
                    answers.add(PLAIN.readTree(line));
                }
            }
            assertThat(answers).hasSize(7).allSatisfy(a -> assertThat(a.path("jsonrpc").asText()).isEqualTo("2.0"));
            assertThat(answers.get(3).path("result").path("isError").asBoolean()).isTrue();
            assertThat(answers.get(4).path("result").path("isError").asBoolean()).isTrue();
            assertThat(answers.get(5).path("result").path("isError").asBoolean()).isFalse();

            // not JSON-RPC: the SDK stops reading, and the server does not linger with its client gone astray
            in.write("this is not json\n");
            in.flush();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server ended").isTrue();
            String rest = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest.lines().filter(l -> !l.isBlank()))
                    .allSatisfy(l -> assertThat(PLAIN.readTree(l).path("jsonrpc").asText()).isEqualTo("2.0"));
            assertThat(Files.readString(tmp.resolve("stderr.txt"))).contains("serving Agent-3");
        }
    }

    @Test
    void anAgentNotOnTheRosterIsRefusedBeforeAnythingIsServed() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            Cli.Result refused = Cli.run(home.root, "mcp", "--agent", "Agent-99");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).contains("unknown agent 'Agent-99'").contains("Agent-1");
        }
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }
}
