package org.agentcellphone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.ConsoleHome;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's JSON API and its security, against a running router's real HTTP server. */
class ConsoleApiTest {

    @TempDir
    Path tmp;

    private static String drop(String id, String to, String content) {
        return "{\"id\":\"" + id + "\",\"from\":\"Agent-2\",\"to\":\"" + to + "\",\"content\":\"" + content + "\"}";
    }

    @Test
    void theTokenIsMadeAtFirstStartOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        String first;
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            Path file = console.home.home.state().resolve("console.token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            first = console.token();
            assertThat(first).matches("[A-Za-z0-9_-]{43}");
            // the link the router printed sets the session cookie, then leaves the token out of the address bar
            HttpResponse<String> link = console.get("/?token=" + first, null);
            assertThat(link.statusCode()).isEqualTo(303);
            assertThat(link.headers().firstValue("Location")).hasValue("/");
            assertThat(link.headers().firstValue("Set-Cookie").orElseThrow())
                    .startsWith(console.cookie() + "=" + first + ";").contains("HttpOnly", "SameSite=Strict");
            assertThat(console.get("/?token=not-the-token", null).statusCode()).isEqualTo(403);
        }
        try (ConsoleHome again = ConsoleHome.start(tmp.resolve("home"), "")) {
            assertThat(again.token()).isEqualTo(first);
        }
    }

    @Test
    void aLinkPlantedAsTheTokenIsReplacedNeverReadAndALooseTokenIsMadeOwnerOnly() throws Exception {
        Path outside = tmp.resolve("outside-secret.txt");
        String secret = "A".repeat(43);
        Files.writeString(outside, secret + "\n");
        Path state = tmp.resolve("home/message_queue/state");
        Files.createDirectories(state);
        Files.createSymbolicLink(state.resolve("console.token"), outside);
        String made;
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            Path file = state.resolve("console.token");
            assertThat(Files.isSymbolicLink(file)).isFalse();
            made = console.token();
            assertThat(made).isNotEqualTo(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(Files.readString(outside)).isEqualTo(secret + "\n");
            assertThat(console.get("/api/agents", secret).statusCode()).isEqualTo(403);
            HttpResponse<String> sent = console.postJson("/api/messages", "{\"to\":\"Agent-1\",\"content\":\"after\"}", made);
            assertThat(sent.statusCode()).isEqualTo(201);
            console.home.awaitInboxCount("Agent-1", 1);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (ConsoleHome again = ConsoleHome.start(tmp.resolve("home"), "")) {
            Path file = state.resolve("console.token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(again.token()).isEqualTo(made);
        }
    }

    @Test
    void agentsComposeThreadsAndTheHumansInboxThroughTheApi() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            TestHome home = console.home;
            String token = console.token();

            // agents, with what their status files say
            Files.writeString(home.root.resolve("agent_workspaces/Agent-3/status.json"),
                    "{\"status\":\"busy\",\"current_mission\":\"tests\",\"last_updated\":\"2099-01-01T00:00:00Z\"}");
            JsonNode agents = console.getJson("/api/agents");
            assertThat(agents.path("human").asText()).isEqualTo("Commander");
            assertThat(agents.path("agents")).hasSize(8);
            JsonNode a3 = agents.path("agents").get(2);
            assertThat(a3.path("id").asText()).isEqualTo("Agent-3");
            assertThat(a3.path("status").asText()).isEqualTo("busy");
            assertThat(a3.path("mission").asText()).isEqualTo("tests");
            assertThat(a3.path("lane").asText()).isEqualTo("idle");
            assertThat(agents.path("agents").get(3).path("captain").asBoolean()).isTrue();

            // compose: to two agents and the captain, urgent, asking for an ack
            HttpResponse<String> sent = console.postJson("/api/messages", "{\"to\":[\"agent-1\",\"Agent-5\",\"captain\"],"
                    + "\"content\":\"Ship it\",\"subject\":\"release\",\"urgent\":true,\"ack_required\":true}", token);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            JsonNode sentJson = org.agentcellphone.model.Json.MAPPER.readTree(sent.body());
            String id = sentJson.path("id").asText();
            assertThat(sentJson.path("to").toString()).isEqualTo("[\"Agent-1\",\"Agent-5\",\"Agent-4\"]");
            for (String agent : List.of("Agent-1", "Agent-5", "Agent-4")) {
                home.awaitInboxCount(agent, 1);
                assertThat(Files.readString(home.inbox(agent).get(0)))
                        .contains("Ship it", "**From**: Commander", "**Priority**: urgent");
            }
            JsonNode flow = console.getJson("/api/messages?agent=Agent-5");
            assertThat(flow.path("messages")).hasSize(1);
            JsonNode m = flow.path("messages").get(0);
            assertThat(m.path("id").asText()).isEqualTo(id);
            assertThat(m.path("from").asText()).isEqualTo("Commander");
            assertThat(m.path("priority").asText()).isEqualTo("urgent");
            assertThat(m.path("recipients")).hasSize(3);
            assertThat(console.getJson("/api/messages?agent=Agent-7").path("messages")).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    console.getJson("/api/agents").path("agents").get(0).path("awaiting_ack").asInt() == 1);

            // an agent answers the human: accepted into the human's inbox, shown there and in the thread
            Cli.Result ack = Cli.run(home.root, "ack", id, "-a", "Agent-1", "-m", "done, shipped");
            assertThat(ack.exitCode()).as(ack.err()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> console.getJson("/api/inbox").path("messages").size() == 1);
            JsonNode reply = console.getJson("/api/inbox").path("messages").get(0);
            assertThat(reply.path("from").asText()).isEqualTo("Agent-1");
            assertThat(reply.path("in_reply_to").asText()).isEqualTo(id);
            JsonNode detail = console.getJson("/api/messages/" + id);
            assertThat(detail.path("text").asText()).contains("Ship it");
            assertThat(detail.path("replies")).hasSize(1);
            assertThat(detail.path("replies").get(0).path("from").asText()).isEqualTo("Agent-1");
            assertThat(detail.path("receipts")).hasSize(3);
            List<String> states = new ArrayList<>();
            detail.path("receipts").forEach(r -> states.add(r.path("agent").asText() + " " + r.path("state").asText()));
            assertThat(states).contains("Agent-1 acked", "Agent-5 delivered", "Agent-4 delivered");
            String replyId = reply.path("id").asText();
            assertThat(console.getJson("/api/messages/" + replyId).path("parent").path("id").asText()).isEqualTo(id);

            // the human reads and acknowledges its own message, replying to the agent
            assertThat(console.postJson("/api/messages/" + replyId + "/read", "{}", token).statusCode()).isEqualTo(200);
            assertThat(console.getJson("/api/inbox").path("messages").get(0).path("state").asText()).isEqualTo("read");
            JsonNode receipts = console.getJson("/api/messages/" + replyId + "/receipts").path("recipients");
            assertThat(receipts).hasSize(1);
            assertThat(receipts.get(0).path("agent").asText()).isEqualTo("Commander");
            assertThat(receipts.get(0).path("state").asText()).isEqualTo("read");
            assertThat(receipts.get(0).path("read_by").asText()).isEqualTo("console");
            HttpResponse<String> acked = console.postJson("/api/messages/" + replyId + "/ack",
                    "{\"reply\":\"thanks\"}", token);
            assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
            assertThat(Files.readString(home.home.receipts().resolve(replyId + ".Commander.acked.json"))).contains(replyId);
            home.awaitInboxCount("Agent-1", 2);
            List<String> texts = new ArrayList<>();
            for (Path file : home.inbox("Agent-1")) {
                texts.add(Files.readString(file));
            }
            assertThat(texts).anyMatch(t -> t.contains("thanks") && t.contains("Commander"));
        }
    }

    @Test
    void deadLettersAreListedRequeuedOnceAndDeleted() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n")) {
            TestHome home = console.home;
            String token = console.token();

            // a dead letter, requeued once the cause is gone: delivered once
            home.blockInbox("Agent-6");
            home.drop("dead.json", drop("dead-1", "Agent-6", "try again"));
            home.awaitFailedCount(1);
            JsonNode dead = console.getJson("/api/dead-letters").path("dead_letters");
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).path("code").asText()).isEqualTo("delivery-failed");
            assertThat(dead.get(0).path("id").asText()).isEqualTo("dead-1");
            home.unblockInbox("Agent-6");
            HttpResponse<String> requeued = console.postJson("/api/dead-letters/dead-1/requeue", "{}", token);
            assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
            assertThat(requeued.body()).contains("\"action\":\"requeue\"", "dead-1");
            home.awaitInboxCount("Agent-6", 1);
            assertThat(console.getJson("/api/dead-letters").path("dead_letters")).isEmpty();
            Thread.sleep(500);
            assertThat(home.inboxIds("Agent-6")).containsExactlyEntriesOf(java.util.Map.of("dead-1", 1));

            // a dead letter deleted from the console is gone, and the operations log says who
            home.drop("nobody.json", "{\"id\":\"nobody-1\",\"to\":\"Agent-99\",\"content\":\"x\"}");
            home.awaitFailedCount(1);
            String deadName = console.getJson("/api/dead-letters").path("dead_letters").get(0).path("name").asText();
            assertThat(console.postJson("/api/dead-letters/" + deadName + "/delete", "{}", token).statusCode())
                    .isEqualTo(200);
            assertThat(home.failedEntries()).isEmpty();
            assertThat(Files.readString(home.home.state().resolve("operations.log"))).contains("deleted from the console");
        }
    }

    @Test
    void waitingEntriesAreHeldReleasedAndDeletedAndTheStatsCountThem() throws Exception {
        String patient = "cellphone.retry.max-attempts = 1000\ncellphone.retry.max-delay = 300ms\n";
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), patient)) {
            TestHome home = console.home;
            String token = console.token();

            // hold, release and delete a waiting entry (its inbox blocked, so it waits)
            home.blockInbox("Agent-8");
            home.drop("wait.json", drop("wait-1", "Agent-8", "later"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> console.getJson("/api/queue").path("entries").size() == 1);
            String name = console.getJson("/api/queue").path("entries").get(0).path("name").asText();
            assertThat(console.postJson("/api/queue/" + name + "/hold", "{}", token).statusCode()).isEqualTo(200);
            assertThat(console.getJson("/api/queue").path("entries").get(0).path("where").asText()).isEqualTo("held");
            assertThat(console.getJson("/api/stats").path("queue").path("held").asInt()).isEqualTo(1);
            // in the flow, the held message tells its sender and text from its entry (no record yet)
            JsonNode held = console.getJson("/api/messages?agent=Agent-8").path("messages").get(0);
            assertThat(held.path("id").asText()).isEqualTo("wait-1");
            assertThat(held.path("from").asText()).isEqualTo("Agent-2");
            assertThat(held.path("preview").asText()).isEqualTo("later");
            assertThat(held.path("recipients").get(0).path("state").asText()).isEqualTo("accepted");
            assertThat(held.path("recipients").get(0).path("detail").asText()).isEqualTo("held");
            assertThat(console.getJson("/api/messages/wait-1").path("text").asText()).isEqualTo("later");
            assertThat(console.getJson("/api/agents").path("agents").get(7).path("lane").asText()).isEqualTo("idle");
            assertThat(console.postJson("/api/queue/" + name + "/release", "{}", token).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    console.getJson("/api/queue").path("entries").path(0).path("where").asText().equals("pending"));
            assertThat(console.getJson("/api/agents").path("agents").get(7).path("lane").asText()).isEqualTo("busy");
            String pendingName = console.getJson("/api/queue").path("entries").get(0).path("name").asText();
            assertThat(console.postJson("/api/queue/" + pendingName + "/delete", "{}", token).statusCode()).isEqualTo(200);
            assertThat(console.getJson("/api/queue").path("entries")).isEmpty();
            home.unblockInbox("Agent-8");
            Thread.sleep(1000);
            assertThat(home.inbox("Agent-8")).isEmpty();

            // queue statistics with the age histogram: what waits, by age
            home.blockInbox("Agent-7");
            for (int i = 0; i < 3; i++) {
                home.drop("w" + i + ".json", drop("wait-" + (i + 2), "Agent-7", "later"));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> console.getJson("/api/stats").path("queue").path("pending").asInt() == 3);
            JsonNode stats = console.getJson("/api/stats").path("queue");
            assertThat(stats.path("waiting_by_age").size()).isEqualTo(7);
            assertThat(stats.path("waiting_by_age").path("<=1m").asInt()).isEqualTo(3);
            String chart = console.send("GET", "/api/stats", null, "X-Cellphone-Token", token, "HX-Request", "true").body();
            assertThat(chart).contains("<svg", "data-bucket=\"&lt;=1m\" data-count=\"3\"");
            home.unblockInbox("Agent-7");
            home.awaitInboxCount("Agent-7", 3);
        }
    }

    @Test
    void withoutTheTokenNothingIsShownOrChanged() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "cellphone.retry.max-attempts = 1\n")) {
            TestHome home = console.home;
            home.blockInbox("Agent-6");
            home.drop("dead.json", drop("dead-2", "Agent-6", "x"));
            home.awaitFailedCount(1);
            home.unblockInbox("Agent-6");

            for (String token : new String[] {null, "wrong", console.token().substring(1) + "x"}) {
                assertThat(console.postJson("/api/messages", "{\"to\":\"Agent-1\",\"content\":\"x\"}", token).statusCode())
                        .isEqualTo(403);
                assertThat(console.postJson("/api/dead-letters/dead-2/requeue", "{}", token).statusCode()).isEqualTo(403);
                for (String path : List.of("/", "/api/agents", "/api/messages", "/api/messages/dead-2",
                        "/api/dead-letters", "/api/inbox", "/api/queue", "/api/stats")) {
                    HttpResponse<String> r = console.get(path, token);
                    assertThat(r.statusCode()).as(path).isEqualTo(403);
                    assertThat(r.body()).as(path).doesNotContain("dead-2");
                }
            }
            Thread.sleep(500);
            assertThat(TestHome.list(home.home.outbox(), "*")).isEmpty();
            assertThat(home.failedEntries()).hasSize(1);
            assertThat(home.inbox("Agent-1")).isEmpty();
            assertThat(home.inbox("Agent-6")).isEmpty();
            // health and metrics stay open, as before
            assertThat(console.get("/observe/health", null).statusCode()).isEqualTo(200);
            // the assets carry nothing of the home
            assertThat(console.get("/assets/htmx.min.js", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFormPostFromAnotherOriginIsRefusedThoughItCarriesTheCookie() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            String cookie = console.cookie() + "=" + console.token();
            String form = "to=Agent-1&content=from+elsewhere";
            String type = "application/x-www-form-urlencoded";
            // another site's page (or another port of this host: same site, another origin) posting a form
            for (String[] from : new String[][] {{"http://evil.example", "cross-site"},
                {"http://127.0.0.1:" + (console.port + 1), "same-site"}, {"null", "cross-site"}}) {
                HttpResponse<String> r = console.send("POST", "/api/messages", form, "Content-Type", type,
                        "Cookie", cookie, "Origin", from[0], "Sec-Fetch-Site", from[1]);
                assertThat(r.statusCode()).as(from[0]).isEqualTo(403);
            }
            // no Origin at all: refused too
            assertThat(console.send("POST", "/api/messages", form, "Content-Type", type, "Cookie", cookie)
                    .statusCode()).isEqualTo(403);
            // JSON on the cookie alone: refused (a script needs the header)
            assertThat(console.send("POST", "/api/messages", "{\"to\":\"Agent-1\",\"content\":\"x\"}",
                    "Content-Type", "application/json", "Cookie", cookie, "Origin", console.base).statusCode())
                    .isEqualTo(403);
            Thread.sleep(500);
            assertThat(TestHome.list(console.home.home.outbox(), "*")).isEmpty();
            assertThat(console.home.inbox("Agent-1")).isEmpty();

            // the console's own page, same origin with its cookie: sent
            HttpResponse<String> own = console.send("POST", "/api/messages", form, "Content-Type", type,
                    "Cookie", cookie, "Origin", console.base, "Sec-Fetch-Site", "same-origin", "HX-Request", "true");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(own.body()).contains("sent", "Agent-1");
            console.home.awaitInboxCount("Agent-1", 1);
            assertThat(Files.readString(console.home.inbox("Agent-1").get(0))).contains("from elsewhere");
        }
    }

    @Test
    void theConsoleListensOnTheLoopbackAddressOnly() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            String port = String.format(Locale.ROOT, "%04X", console.port);
            List<String> listening = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local address, state 0A = LISTEN
                    if (f.length > 3 && f[1].endsWith(":" + port) && f[3].equals("0A")) {
                        listening.add(f[1]);
                    }
                }
            }
            // 127.0.0.1, as IPv4 or as IPv4 mapped into IPv6: nothing on another address or on every address
            assertThat(listening).isNotEmpty()
                    .allMatch(a -> a.equals("0100007F:" + port) || a.equals("0000000000000000FFFF00000100007F:" + port));
            assertThat(console.get("/api/stats", console.token()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void agentsAddressTheHumanByItsNameAndNeverAsPartOfAll() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            TestHome home = console.home;
            Cli.Result cli = Cli.run(home.root, "send", "-s", "Agent-3", "-a", "Commander", "-m", "a question for you");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            home.drop("md.md", "# Report\n\n**From**: Agent-5\n**To**: Commander\n\nAll green.\n");
            Cli.Result all = Cli.run(home.root, "broadcast", "-s", "Agent-2", "-m", "to everyone");
            assertThat(all.exitCode()).as(all.err()).isZero();
            home.awaitInboxCount("Commander", 2);
            home.awaitInboxCount("Agent-1", 1);
            Thread.sleep(500);
            assertThat(home.failedEntries()).isEmpty();
            assertThat(home.inbox("Commander")).hasSize(2);
            JsonNode inbox = console.getJson("/api/inbox").path("messages");
            assertThat(inbox).hasSize(2);
            List<String> from = new ArrayList<>();
            inbox.forEach(i -> from.add(i.path("from").asText()));
            assertThat(from).containsExactlyInAnyOrder("Agent-3", "Agent-5");
            // the human is not an agent: not in the agents' list, nor in status
            assertThat(console.getJson("/api/agents").path("agents").toString()).doesNotContain("Commander");
            assertThat(Cli.run(home.root, "status").out()).doesNotContain("Commander");
        }
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndTheNextOneGoes() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            String token = console.token();
            String[][] bad = {
                {"{not json", "not JSON"},
                {"[1,2]", "one JSON object"},
                {"{\"to\":\"Agent-1\"}", "no text"},
                {"{\"content\":\"x\"}", "choose whom"},
                {"{\"to\":\"Agent-99\",\"content\":\"x\"}", "unknown recipient 'Agent-99'"},
                {"{\"to\":\"../../etc\",\"content\":\"x\"}", "unknown recipient"},
            };
            for (String[] b : bad) {
                HttpResponse<String> r = console.postJson("/api/messages", b[0], token);
                assertThat(r.statusCode()).as(b[0]).isEqualTo(400);
                assertThat(r.body()).as(b[0]).contains(b[1]);
            }
            HttpResponse<String> tooLarge = console.postJson("/api/messages",
                    "{\"to\":\"Agent-1\",\"content\":\"" + "x".repeat(1_100_000) + "\"}", token);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(console.get("/api/messages/..%2F..%2Fetc%2Fpasswd", token).statusCode()).isEqualTo(400);
            assertThat(console.get("/api/messages/no-such-id", token).statusCode()).isEqualTo(404);
            assertThat(console.postJson("/api/dead-letters/no-such-id/requeue", "{}", token).statusCode()).isEqualTo(404);
            assertThat(console.get("/api/messages?agent=Agent-99", token).statusCode()).isEqualTo(400);
            assertThat(console.get("/api/nothing-here", token).statusCode()).isEqualTo(404);
            assertThat(console.send("DELETE", "/api/messages", null, "X-Cellphone-Token", token).statusCode())
                    .isEqualTo(405);
            // a query parameter is never taken for a header, nor echoed back as one
            HttpResponse<String> echo = console.get("/api/stats?X-Cellphone-Token=" + token + "&Set-Cookie=x", null);
            assertThat(echo.statusCode()).isEqualTo(403);
            assertThat(echo.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Set-Cookie")
                    || h.equalsIgnoreCase("X-Cellphone-Token"));
            Thread.sleep(300);
            assertThat(TestHome.list(console.home.home.outbox(), "*")).isEmpty();

            HttpResponse<String> good = console.postJson("/api/messages", "{\"to\":\"Agent-2\",\"content\":\"ok\"}", token);
            assertThat(good.statusCode()).isEqualTo(201);
            console.home.awaitInboxCount("Agent-2", 1);
        }
    }

    @Test
    void whatAgentsWroteIsEscapedInEveryFragment() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            TestHome home = console.home;
            String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
            home.drop("x.json", "{\"id\":\"xss-1\",\"from\":\"Agent-2\",\"to\":\"Commander\",\"subject\":\"" + evil.replace("\"", "\\\"")
                    + "\",\"content\":\"" + evil + "\"}");
            Files.writeString(home.root.resolve("agent_workspaces/Agent-2/status.json"),
                    "{\"status\":\"<b onmouseover=alert(3)>\",\"current_mission\":\"</td><script>x()</script>\"}");
            home.awaitInboxCount("Commander", 1);
            String token = console.token();
            for (String path : List.of("/api/messages", "/api/inbox", "/api/messages/xss-1", "/api/agents")) {
                String html = console.send("GET", path, null, "X-Cellphone-Token", token, "HX-Request", "true").body();
                assertThat(html).as(path).doesNotContain("<script", "<img", "<b onmouseover");
                assertThat(html).as(path).containsAnyOf("&lt;script&gt;", "&lt;b onmouseover");
            }
            String page = console.get("/", token).body();
            assertThat(page).doesNotContain("<script>alert", "<img src=x", "</td><script>");
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }
}
