package org.agentcellphone.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.OfficialMcpClient;
import org.agentcellphone.support.RunningRouter;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cellphone mcp} driven by the official MCP TypeScript SDK client from the npm registry (a Node process
 * that spawns the server over stdio, as Claude Code or Cursor do); the router, where one delivers, a process too.
 */
class OfficialClientTest {

    @TempDir
    Path tmp;

    private Path log() {
        return tmp.resolve("mcp.log");
    }

    private static String text(JsonNode answer) {
        return answer.path("result").path("content").get(0).path("text").asText();
    }

    private static boolean isError(JsonNode answer) {
        return answer.path("result").path("isError").asBoolean(false);
    }

    @Test
    void theToolsAreListedWithTheirSchemasAndTheSessionEndsWhenTheClientCloses() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             OfficialMcpClient client = OfficialMcpClient.start(home.root, "agent-1", log())) {
            assertThat(client.ready.path("server").path("name").asText()).isEqualTo("agent-cellphone");
            assertThat(client.ready.path("instructions").asText()).contains("Agent-1").contains("check_inbox");
            JsonNode tools = client.listTools();
            Map<String, JsonNode> byName = new java.util.TreeMap<>();
            tools.forEach(t -> byName.put(t.path("name").asText(), t));
            assertThat(byName.keySet()).containsExactlyInAnyOrder("send_message", "check_inbox", "read_message",
                    "acknowledge", "message_status", "list_agents", "claim_next_task", "list_tasks", "complete_task",
                    "add_task", "update_status");
            for (JsonNode tool : byName.values()) {
                assertThat(tool.path("description").asText()).as(tool.toString()).hasSizeGreaterThan(20);
                assertThat(tool.path("inputSchema").path("type").asText()).as(tool.toString()).isEqualTo("object");
            }
            JsonNode send = byName.get("send_message").path("inputSchema");
            assertThat(names(send.path("properties"))).containsExactlyInAnyOrder("to", "content", "priority",
                    "subject", "reply_to", "tags", "ack_required");
            assertThat(names(send.path("required"))).containsExactlyInAnyOrder("to", "content");
            assertThat(send.path("properties").has("from")).isFalse();
            assertThat(names(byName.get("check_inbox").path("inputSchema").path("properties")))
                    .containsExactly("include_read", "limit");
            assertThat(names(byName.get("acknowledge").path("inputSchema").path("properties")))
                    .containsExactlyInAnyOrder("id", "reply");
            assertThat(names(byName.get("add_task").path("inputSchema").path("properties")))
                    .containsExactlyInAnyOrder("title", "description", "priority", "points");
            assertThat(names(byName.get("update_status").path("inputSchema").path("properties")))
                    .containsExactlyInAnyOrder("status", "mission", "note");
            assertThat(byName.get("check_inbox").path("annotations").path("readOnlyHint").asBoolean()).isTrue();

            JsonNode closed = client.closeSession();
            assertThat(closed.path("exit").asInt(-1)).as("the server ends by itself, exit 0: " + closed).isZero();
            assertThat(closed.path("signal").isNull()).as(closed.toString()).isTrue();
        }
    }

    @Test
    void aStreamOfSendsThroughTheOfficialClientWritesOneDropEachFromTheAgent() throws Exception {
        int messages = 100;
        try (TestHome home = new TestHome(tmp.resolve("home"));
             OfficialMcpClient client = OfficialMcpClient.start(home.root, "Agent-6", log())) {
            List<Double> times = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < messages; i++) {
                JsonNode answer = client.call("send_message", Map.of("to", "Agent-" + (i % 8 + 1), "content", "n " + i));
                assertThat(isError(answer)).as(answer.toString()).isFalse();
                ids.add(answer.path("result").path("structuredContent").path("id").asText());
                times.add(answer.path("ms").asDouble());
            }
            assertThat(ids).hasSize(messages);
            List<Path> drops = TestHome.list(home.home.outbox(), "*.json");
            assertThat(drops).hasSize(messages);
            for (Path drop : drops) {
                JsonNode d = Json.MAPPER.readTree(drop.toFile());
                assertThat(d.path("from").asText()).isEqualTo("Agent-6");
                assertThat(ids).contains(d.path("id").asText());
            }
            List<Double> sorted = times.stream().sorted().toList();
            Files.writeString(Path.of("target/mcp-official-client.txt"), String.format(
                    "@modelcontextprotocol/sdk %s on Node %s: connect (spawn to initialized) %.0f ms; "
                            + "send_message x%d median %.1f ms, p99 %.1f ms%n",
                    client.ready.path("client_sdk").asText(), client.ready.path("node").asText(),
                    client.ready.path("connect_ms").asDouble(), messages, sorted.get(messages / 2),
                    sorted.get(messages * 99 / 100 - 1)));
        }
    }

    @Test
    void aMessageSentWithoutARouterIsDeliveredLaterFromTheSessionsAgentWhateverTheArgumentsSay() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             OfficialMcpClient client = OfficialMcpClient.start(home.root, "Agent-1", log())) {
            JsonNode sent = client.ok("send_message", Map.of("to", "agent-2", "content", "Ship the build",
                    "from", "Agent-5", "subject", "Release"));
            String id = sent.path("id").asText();
            assertThat(sent.path("from").asText()).isEqualTo("Agent-1");
            // no router runs: the drop waits in the outbox, from Agent-1
            List<Path> drops = TestHome.list(home.home.outbox(), "*.json");
            assertThat(drops).hasSize(1);
            JsonNode drop = Json.MAPPER.readTree(drops.get(0).toFile());
            assertThat(drop.path("id").asText()).isEqualTo(id);
            assertThat(drop.path("from").asText()).isEqualTo("Agent-1");
            assertThat(drop.path("to").asText()).isEqualTo("Agent-2");

            // 'all': every active agent but the sender, as a broadcast
            JsonNode toAll = client.ok("send_message", Map.of("to", "all", "content", "Stand-up in 5"));
            assertThat(names(toAll.path("to"))).hasSize(7).doesNotContain("Agent-1").endsWith("Agent-4");
            JsonNode broadcast = Json.MAPPER.readTree(TestHome.list(home.home.outbox(), "*.json").stream()
                    .filter(p -> p.toString().contains(toAll.path("id").asText())).findFirst().orElseThrow().toFile());
            assertThat(broadcast.path("type").asText()).isEqualTo("broadcast");

            try (RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"))) {
                home.awaitInboxCount("Agent-2", 2);
                home.awaitInboxCount("Agent-8", 1);
            }
            assertThat(home.inbox("Agent-1")).isEmpty();
            String inbox = null;
            for (Path file : home.inbox("Agent-2")) {
                String text = Files.readString(file);
                inbox = text.contains("Ship the build") ? text : inbox;
            }
            assertThat(inbox).as("the message's inbox file").isNotNull();
            assertThat(inbox).contains("**From**: Agent-1\n").contains("Ship the build").doesNotContain("Agent-5");
            JsonNode status = client.ok("message_status", Map.of("id", id));
            assertThat(status.path("recipients").get(0).path("agent").asText()).isEqualTo("Agent-2");
            assertThat(status.path("recipients").get(0).path("state").asText()).isEqualTo("delivered");
            assertThat(client.transportErrors()).isEmpty();
        }
    }

    @Test
    void checkingTheInboxTwiceMarksNothingReadReadingMarksItAndAnAckCarriesItsReplyToTheSender() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"));
             OfficialMcpClient one = OfficialMcpClient.start(home.root, "Agent-1", log());
             OfficialMcpClient two = OfficialMcpClient.start(home.root, "Agent-2", log())) {
            String id = one.ok("send_message", Map.of("to", List.of("Agent-2"), "content", "Review PR 12\nplease",
                    "ack_required", true, "priority", "urgent")).path("id").asText();
            home.awaitInboxCount("Agent-2", 1);

            for (int i = 0; i < 2; i++) {
                JsonNode inbox = two.ok("check_inbox", Map.of());
                assertThat(inbox.path("count").asInt()).isEqualTo(1);
                JsonNode item = inbox.path("messages").get(0);
                assertThat(item.path("id").asText()).isEqualTo(id);
                assertThat(item.path("from").asText()).isEqualTo("Agent-1");
                assertThat(item.path("priority").asText()).isEqualTo("urgent");
                assertThat(item.path("subject").asText()).isEqualTo("Review PR 12");
                assertThat(item.path("state").asText()).isEqualTo("delivered");
                assertThat(item.path("ack_required").asBoolean()).isTrue();
            }
            assertThat(Files.exists(home.home.receipts().resolve(id + ".Agent-2.read.json"))).isFalse();

            JsonNode read = two.call("read_message", Map.of("id", id));
            assertThat(isError(read)).as(read.toString()).isFalse();
            assertThat(text(read)).contains("Review PR 12\nplease").contains("**From**: Agent-1");
            JsonNode receipt = Json.MAPPER.readTree(home.home.receipts().resolve(id + ".Agent-2.read.json").toFile());
            assertThat(receipt.path("by").asText()).isEqualTo("mcp");
            assertThat(two.ok("check_inbox", Map.of()).path("count").asInt()).isZero();
            JsonNode all = two.ok("check_inbox", Map.of("include_read", true));
            assertThat(all.path("messages").get(0).path("state").asText()).isEqualTo("read");

            // a reply the router would not take: refused, and the message is not acked
            JsonNode huge = two.call("acknowledge", Map.of("id", id, "reply", "x".repeat(1_100_000)));
            assertThat(isError(huge)).as(huge.toString()).isTrue();
            assertThat(text(huge)).contains("too large");
            assertThat(Files.exists(home.home.receipts().resolve(id + ".Agent-2.acked.json"))).isFalse();

            JsonNode ack = two.ok("acknowledge", Map.of("id", id, "reply", "Reviewed: two nits"));
            assertThat(ack.path("already_acked").asBoolean()).isFalse();
            assertThat(ack.path("reply_to").asText()).isEqualTo("Agent-1");
            String replyId = ack.path("reply_id").asText();
            assertThat(two.ok("acknowledge", Map.of("id", id)).path("already_acked").asBoolean()).isTrue();

            home.awaitInboxCount("Agent-1", 1);
            JsonNode back = one.ok("check_inbox", Map.of()).path("messages").get(0);
            assertThat(back.path("id").asText()).isEqualTo(replyId);
            assertThat(back.path("from").asText()).isEqualTo("Agent-2");
            assertThat(back.path("in_reply_to").asText()).isEqualTo(id);
            assertThat(text(one.call("read_message", Map.of("id", replyId)))).contains("Reviewed: two nits");
            JsonNode state = one.ok("message_status", Map.of("id", id)).path("recipients").get(0);
            assertThat(state.path("state").asText()).isEqualTo("acked");
            assertThat(state.path("read_by").asText()).isEqualTo("mcp");
            assertThat(one.transportErrors()).isEmpty();
            assertThat(two.transportErrors()).isEmpty();
        }
    }

    @Test
    void checkInboxListsAtMostItsLimitOldestFirstAndCountsThemAll() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             RunningRouter router = RunningRouter.start(home.root, tmp.resolve("router.log"));
             OfficialMcpClient one = OfficialMcpClient.start(home.root, "Agent-1", log());
             OfficialMcpClient three = OfficialMcpClient.start(home.root, "Agent-3", log())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(one.ok("send_message", Map.of("to", "Agent-3", "content", "step " + i)).path("id").asText());
                home.awaitInboxCount("Agent-3", i + 1);
            }
            JsonNode inbox = three.ok("check_inbox", Map.of());
            assertThat(inbox.path("count").asInt()).isEqualTo(25);
            assertThat(inbox.path("shown").asInt()).isEqualTo(20);
            assertThat(inbox.path("messages")).hasSize(20);
            List<String> shown = new ArrayList<>();
            inbox.path("messages").forEach(m -> shown.add(m.path("id").asText()));
            assertThat(shown).containsExactlyElementsOf(ids.subList(0, 20));
            assertThat(three.ok("check_inbox", Map.of("limit", 5)).path("messages")).hasSize(5);
            assertThat(isError(three.call("check_inbox", Map.of("limit", 0)))).isTrue();
        }
    }

    @Test
    void badArgumentsAreToolErrorsThatSayWhatIsWrongAndTheSameSessionGoesOnServing() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             OfficialMcpClient client = OfficialMcpClient.start(home.root, "Agent-1", log())) {
            Map<String, Map<String, ?>> bad = new java.util.LinkedHashMap<>();
            bad.put("content", Map.of("to", "Agent-2"));
            bad.put("Agent-99", Map.of("to", "Agent-99", "content", "hi"));
            bad.put("priority", Map.of("to", "Agent-2", "content", "hi", "priority", "whenever"));
            bad.put("to", Map.of("to", 5, "content", "hi"));
            bad.put("'nobody'", Map.of("to", List.of("Agent-2", "nobody"), "content", "hi"));
            bad.put("too large", Map.of("to", "Agent-2", "content", "x".repeat(1_100_000)));
            for (var call : bad.entrySet()) {
                JsonNode answer = client.call("send_message", call.getValue());
                assertThat(isError(answer)).as(answer.toString()).isTrue();
                assertThat(text(answer)).as(answer.toString()).contains(call.getKey());
            }
            for (String tool : List.of("read_message", "acknowledge", "message_status")) {
                JsonNode unknown = client.call(tool, Map.of("id", "m-no-such-message"));
                assertThat(isError(unknown)).as(unknown.toString()).isTrue();
                assertThat(text(unknown)).contains("m-no-such-message");
                JsonNode traversal = client.call(tool, Map.of("id", "../../etc/passwd"));
                assertThat(isError(traversal)).as(traversal.toString()).isTrue();
            }
            JsonNode task = client.call("complete_task", Map.of("id", "t-none"));
            assertThat(isError(task)).isTrue();
            assertThat(text(task)).contains("no task t-none");
            assertThat(isError(client.call("add_task", Map.of("title", "x", "points", -3)))).isTrue();
            assertThat(isError(client.call("update_status", Map.of()))).isTrue();
            // an unknown tool is a protocol error (the client throws), not a tool result
            assertThat(client.call("no_such_tool", Map.of()).path("thrown").asText()).contains("Unknown tool");
            assertThat(TestHome.list(home.home.outbox(), "*.json")).as("nothing was sent by a refused call").isEmpty();

            // the same session still serves: the next good message is written
            String id = client.ok("send_message", Map.of("to", "captain", "content", "still here")).path("id").asText();
            List<Path> drops = TestHome.list(home.home.outbox(), "*.json");
            assertThat(drops).hasSize(1);
            assertThat(Json.MAPPER.readTree(drops.get(0).toFile()).path("id").asText()).isEqualTo(id);
            assertThat(Json.MAPPER.readTree(drops.get(0).toFile()).path("to").asText()).isEqualTo("Agent-4");
            assertThat(client.transportErrors()).as("stdout held protocol messages only").isEmpty();
        }
    }

    @Test
    void fourSessionsRacingForTenTasksClaimEachOnce() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            try (OfficialMcpClient captain = OfficialMcpClient.start(home.root, "captain", log())) {
                for (int i = 0; i < 10; i++) {
                    JsonNode task = captain.ok("add_task", Map.of("title", "task " + i, "priority",
                            i % 2 == 0 ? "high" : "low", "points", i));
                    assertThat(task.path("state").asText()).isEqualTo("available");
                }
                assertThat(captain.ok("list_tasks", Map.of("state", "available")).path("tasks")).hasSize(10);
            }
            List<String> agents = List.of("Agent-1", "Agent-2", "Agent-3", "Agent-5");
            List<OfficialMcpClient> sessions = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(agents.size());
            try {
                for (String agent : agents) {
                    sessions.add(OfficialMcpClient.start(home.root, agent, log()));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<String>>> claims = new ArrayList<>();
                for (int s = 0; s < sessions.size(); s++) {
                    OfficialMcpClient session = sessions.get(s);
                    String agent = agents.get(s);
                    claims.add(pool.submit(() -> {
                        go.await();
                        List<String> mine = new ArrayList<>();
                        while (true) {
                            JsonNode claim = session.ok("claim_next_task", Map.of());
                            if (!claim.path("claimed").asBoolean()) {
                                return mine;
                            }
                            assertThat(claim.path("task").path("assigned_to").asText()).isEqualTo(agent);
                            mine.add(claim.path("task").path("id").asText());
                        }
                    }));
                }
                go.countDown();
                List<String> all = new ArrayList<>();
                for (Future<List<String>> claim : claims) {
                    all.addAll(claim.get());
                }
                assertThat(all).hasSize(10);
                assertThat(new HashSet<>(all)).hasSize(10);
                for (int s = 0; s < agents.size(); s++) {
                    Set<String> claimedFiles = new HashSet<>();
                    for (Path f : TestHome.list(home.root.resolve("agent_workspaces/contracts/claimed/"
                            + agents.get(s)), "*.json")) {
                        claimedFiles.add(Json.MAPPER.readTree(f.toFile()).path("id").asText());
                    }
                    assertThat(claimedFiles).as(agents.get(s)).containsExactlyInAnyOrderElementsOf(
                            claims.get(s).get());
                }
                // a claimed task is completed by its claimer only
                int claimer = 0;
                while (claims.get(claimer).get().isEmpty()) {
                    claimer++;
                }
                String task = claims.get(claimer).get().get(0);
                OfficialMcpClient other = sessions.get((claimer + 1) % sessions.size());
                assertThat(isError(other.call("complete_task", Map.of("id", task)))).isTrue();
                assertThat(sessions.get(claimer).ok("complete_task", Map.of("id", task)).path("state").asText())
                        .isEqualTo("completed");
            } finally {
                pool.shutdownNow();
                for (OfficialMcpClient session : sessions) {
                    session.close();
                }
            }
        }
    }

    @Test
    void updateStatusWritesAValidStatusJsonKeepingTheAgentsOtherKeysAndNeverWritesThroughALink() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"));
             OfficialMcpClient one = OfficialMcpClient.start(home.root, "Agent-1", log());
             OfficialMcpClient two = OfficialMcpClient.start(home.root, "Agent-2", log())) {
            Path status = home.home.workspace("Agent-1").resolve("status.json");
            Files.writeString(status, "{\"agent_name\": \"Builder\", \"status\": \"IDLE\", \"points_earned\": 40}");
            Instant before = Instant.now().minusSeconds(1);
            JsonNode written = one.ok("update_status", Map.of("status", "BLOCKED", "mission", "Fix the CI",
                    "note", "waiting for Agent-3"));
            assertThat(written.path("file").asText()).isEqualTo("agent_workspaces/Agent-1/status.json");
            JsonNode doc = Json.MAPPER.readTree(status.toFile());
            assertThat(doc.path("status").asText()).isEqualTo("BLOCKED");
            assertThat(doc.path("current_mission").asText()).isEqualTo("Fix the CI");
            assertThat(doc.path("note").asText()).isEqualTo("waiting for Agent-3");
            assertThat(doc.path("agent_name").asText()).isEqualTo("Builder");
            assertThat(doc.path("points_earned").asInt()).isEqualTo(40);
            assertThat(Instant.parse(doc.path("last_updated").asText())).isAfter(before);

            Cli.Result shown = Cli.run(home.root, "status", "--json");
            JsonNode row = Json.MAPPER.readTree(shown.out()).get(0);
            assertThat(row.path("agent").asText()).isEqualTo("Agent-1");
            assertThat(row.path("file").asText()).isEqualTo("ok");
            assertThat(row.path("status").asText()).isEqualTo("BLOCKED");
            assertThat(row.path("mission").asText()).isEqualTo("Fix the CI");
            JsonNode listed = two.ok("list_agents", Map.of()).path("agents").get(0);
            assertThat(listed.path("id").asText()).isEqualTo("Agent-1");
            assertThat(listed.path("status").asText()).isEqualTo("BLOCKED");

            // a status.json that is a link out of the home: replaced, the file it pointed to untouched
            Path outside = tmp.resolve("outside.json");
            Files.writeString(outside, "{\"precious\": true}");
            Path theirs = home.home.workspace("Agent-2").resolve("status.json");
            Files.createSymbolicLink(theirs, outside);
            two.ok("update_status", Map.of("status", "ACTIVE"));
            assertThat(Files.readString(outside)).isEqualTo("{\"precious\": true}");
            assertThat(Files.isSymbolicLink(theirs)).isFalse();
            assertThat(Json.MAPPER.readTree(theirs.toFile()).path("status").asText()).isEqualTo("ACTIVE");
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
