package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.PostgresServer;
import org.agentcellphone.support.RunningRouter;
import org.agentcellphone.support.SharedHosts;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routers on two "hosts" (separate homes, separate processes) sharing one real PostgreSQL database: each delivers to
 * the agents that live on it, whatever host a message was sent on; nothing is lost or doubled when a router is
 * killed or the database goes away.
 */
class SeveralHostsTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void aMessageSentOnOneHostToAnAgentOnAnotherArrivesThereOnly() throws Exception {
        String db = SharedHosts.database();
        TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "");
        TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
        try (RunningRouter r1 = RunningRouter.start(one.root, tmp.resolve("one.log"));
             RunningRouter r2 = RunningRouter.start(two.root, tmp.resolve("two.log"))) {
            assertThat(Cli.run(one.root, "send", "-a", "Agent-6", "-m", "built on one, for six", "--id", "cross-1")
                    .exitCode()).isZero();
            assertThat(Cli.run(one.root, "send", "-a", "Agent-2", "-m", "stays on one", "--id", "local-1")
                    .exitCode()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> two.inbox("Agent-6").size() == 1
                    && one.inbox("Agent-2").size() == 1);
            assertThat(java.nio.file.Files.readString(two.inbox("Agent-6").get(0))).contains("built on one, for six");
            // a broken drop on one host stops nothing: the next good message from the other still gets through
            one.drop("broken.json", "{\"to\": \"Agent-5\", \"content\": ");
            assertThat(Cli.run(two.root, "send", "-a", "Agent-1", "-m", "from two to one", "--id", "back-1")
                    .exitCode()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> one.inbox("Agent-1").size() == 1);
            Thread.sleep(1_000);
            assertThat(one.inbox("Agent-6")).as("six lives on two").isEmpty();
            assertThat(two.inbox("Agent-2")).as("two lives on one").isEmpty();
            assertThat(two.inbox("Agent-1")).isEmpty();
            assertThat(SharedHosts.strayCopies(one, "one")).isZero();
            assertThat(SharedHosts.strayCopies(two, "two")).isZero();
            assertThat(two.record("cross-1", "Agent-6").path("id").asText()).isEqualTo("cross-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(
                    one.home.delivered().resolve("cross-1.Agent-6.json")));
            var copy = (com.fasterxml.jackson.databind.node.ObjectNode) one.record("cross-1", "Agent-6");
            assertThat(copy.remove("copied_from").asText()).as("a copy, marked with the host that delivered it")
                    .isEqualTo("two");
            assertThat(copy).as("two's record, copied to the sender's host").isEqualTo(two.record("cross-1", "Agent-6"));
            await().atMost(Duration.ofSeconds(10)).until(() -> one.failedEntries().size() == 1);
            assertThat(one.reasonOf(one.failedEntries().get(0)).path("code").asText()).isEqualTo("malformed");
            // the sender's host sees the last mile of the other: delivered, then read, then acked with a reply
            await().atMost(Duration.ofSeconds(15)).until(() -> trackState(one, "cross-1").equals("delivered"));
            assertThat(Cli.run(two.root, "read", "cross-1", "-a", "Agent-6").exitCode()).isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> trackState(one, "cross-1").equals("read"));
            assertThat(Cli.run(two.root, "ack", "cross-1", "-a", "Agent-6", "-m", "done, from two").exitCode())
                    .isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> trackState(one, "cross-1").equals("acked"));
            await().atMost(Duration.ofSeconds(15)).until(() -> one.inbox("Agent-4").size() == 1);
            assertThat(java.nio.file.Files.readString(one.inbox("Agent-4").get(0))).as("the reply reached the sender")
                    .contains("done, from two");
            assertThat(one.home.inbox("Agent-6")).as("a copied record makes no inbox here").satisfies(inbox ->
                    assertThat(TestHome.list(inbox, "*.md")).isEmpty());
            assertThat(TestHome.list(one.home.receipts(), "cross-1.Agent-6.read.json")).as("no read noted on one "
                    + "for a file that was never here: the receipt is two's, copied").hasSize(1);
            assertThat(org.agentcellphone.model.Json.MAPPER.readTree(rows(db,
                    "SELECT body FROM receipts WHERE name = 'cross-1.Agent-6.read.json'").get(0)).path("by").asText())
                    .as("read on two, by its command line").isEqualTo("cli");
            assertThat(rows(db, "SELECT host FROM receipts WHERE name = 'cross-1.Agent-6.read.json'"))
                    .containsExactly("two");
            assertThat(rows(db, "SELECT recipient || ':' || id || ':' || state || ':' || accepted_by || ':' "
                    + "|| delivered_by FROM entries ORDER BY 1")).containsExactly("Agent-1:back-1:delivered:two:one",
                    "Agent-2:local-1:delivered:one:one", "Agent-4:" + replyId(two) + ":delivered:two:one",
                    "Agent-6:cross-1:delivered:one:two");
        }
    }

    @Test
    void theSameIdsSentOnBothHostsAtOnceAreEachDeliveredOnce() throws Exception {
        String db = SharedHosts.database();
        TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "");
        TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
        int ids = 200;
        try (RunningRouter r1 = RunningRouter.start(one.root, tmp.resolve("one.log"));
             RunningRouter r2 = RunningRouter.start(two.root, tmp.resolve("two.log"))) {
            Thread a = writer(one, "same-", ids, "from one");
            Thread b = writer(two, "same-", ids, "from two");
            a.start();
            b.start();
            a.join();
            b.join();
            await().atMost(Duration.ofSeconds(120)).until(() -> delivered(one, two).size() == ids);
            Thread.sleep(1_500);
            Map<String, Integer> seen = delivered(one, two);
            assertThat(seen).hasSize(ids);
            assertThat(seen.values()).as("each id once, on one host").allMatch(n -> n == 1);
            assertThat(SharedHosts.strayCopies(one, "one") + SharedHosts.strayCopies(two, "two")).isZero();
            assertThat(TestHome.list(one.home.pending(), "*.json")).as("spool published").isEmpty();
            assertThat(TestHome.list(two.home.pending(), "*.json")).isEmpty();
            assertThat(rows(db, "SELECT count(*) FROM entries WHERE state = 'delivered'")).containsExactly(
                    String.valueOf(ids));
            // either host's --queue-stats shows the whole swarm: every host's deliveries
            var shared = org.agentcellphone.model.Json.MAPPER.readTree(Cli.run(two.root, "--queue-stats", "--json")
                    .out()).path("shared_store");
            assertThat(shared.path("one").path("delivered").asLong() + shared.path("two").path("delivered").asLong())
                    .isEqualTo(ids);
            assertThat(shared.path("one").path("delivered").asLong()).as("one's agents got theirs").isEqualTo(ids / 2);
            assertThat(shared.path("two").path("waiting").asLong()).isZero();
        }
    }

    @Test
    void twoStreamsOfAThousandWithOneRouterKilledAndRestartedAreDeliveredExactlyOnceOnTheRightHost()
            throws Exception {
        String db = SharedHosts.database();
        TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "");
        TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
        int each = 1000;
        RunningRouter r1 = RunningRouter.start(one.root, tmp.resolve("one-1.log"));
        try (RunningRouter r2 = RunningRouter.start(two.root, tmp.resolve("two.log"))) {
            Thread a = writer(one, "a", each, "stream one");
            Thread b = writer(two, "b", each, "stream two");
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> one.records().size() >= 150);
            r1.kill9();
            int atKill = one.records().size() + two.records().size();
            a.join();
            b.join();
            try (RunningRouter again = RunningRouter.start(one.root, tmp.resolve("one-2.log"))) {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                        .until(() -> delivered(one, two).size() == 2 * each);
                Thread.sleep(1_500);
                Map<String, Integer> seen = delivered(one, two);
                assertThat(atKill).as("killed mid-stream").isLessThan(2 * each);
                assertThat(seen).hasSize(2 * each);
                assertThat(seen.values()).as("every id exactly once").allMatch(n -> n == 1);
                for (int i = 0; i < each; i++) {
                    String agent = "Agent-" + (i % 8 + 1);
                    assertThat(seen).containsKey("a" + i + "@" + agent).containsKey("b" + i + "@" + agent);
                }
                assertThat(SharedHosts.strayCopies(one, "one") + SharedHosts.strayCopies(two, "two"))
                        .as("each on the host of its recipient").isZero();
                assertThat(one.failedEntries()).isEmpty();
                assertThat(two.failedEntries()).isEmpty();
                assertThat(TestHome.list(one.home.pending(), "*.json")).isEmpty();
                assertThat(rows(db, "SELECT state || ':' || count(*) FROM entries GROUP BY state"))
                        .containsExactly("delivered:" + 2 * each);
            }
        } finally {
            r1.close();
        }
    }

    @Test
    void theDatabaseStoppedAndStartedMidStreamLosesAndDoublesNothingAndHealthSaysSo() throws Exception {
        try (PostgresServer server = PostgresServer.own()) {
            String db = server.newDatabase();
            int port = freePort();
            TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "cellphone.http.port = " + port);
            TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
            int messages = 600;
            try (RunningRouter r1 = RunningRouter.start(one.root, tmp.resolve("one.log"),
                    Map.of("CELLPHONE_HTTP_ENABLED", "true"));
                 RunningRouter r2 = RunningRouter.start(two.root, tmp.resolve("two.log"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> health(port).contains("\"status\":\"UP\""));
                assertThat(health(port)).contains("\"status\":\"UP\"");
                Thread a = writer(one, "d", messages / 2, "before and during");
                a.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(one, two).size() >= 50);
                server.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> health(port).contains("shared-store")
                        && health(port).contains("DOWN"));
                a.join();
                Thread b = writer(two, "e", messages / 2, "while the database is down");
                b.start();
                b.join();
                int whileDown = delivered(one, two).size();
                Thread.sleep(3_000);
                assertThat(delivered(one, two).size()).as("nothing delivered while it is down (lanes wait)")
                        .isLessThanOrEqualTo(whileDown + 16);
                // intake keeps accepting while the database is down (counting outbox and spool together would race
                // with a drop moving from one to the other)
                await().atMost(Duration.ofSeconds(30)).until(() -> TestHome.list(two.home.outbox(), "*.json")
                        .isEmpty());
                assertThat(TestHome.list(two.home.pending(), "*.json"))
                        .as("what two took while the database was down waits in its spool").hasSize(messages / 2);
                server.start();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> delivered(one, two).size() == messages);
                Thread.sleep(1_500);
                Map<String, Integer> seen = delivered(one, two);
                assertThat(seen).hasSize(messages);
                assertThat(seen.values()).allMatch(n -> n == 1);
                assertThat(one.failedEntries()).isEmpty();
                assertThat(two.failedEntries()).isEmpty();
                await().atMost(Duration.ofSeconds(30)).until(() -> health(port).contains("\"status\":\"UP\""));
                assertThat(rows(db, "SELECT state || ':' || count(*) FROM entries GROUP BY state"))
                        .containsExactly("delivered:" + messages);
                // the console on one shows every host's queue from the shared database
                var stats = org.agentcellphone.model.Json.MAPPER.readTree(console(one, port, "/api/stats"))
                        .path("shared_store");
                assertThat(stats.path("one").path("delivered").asLong() + stats.path("two").path("delivered")
                        .asLong()).isEqualTo(messages);
                assertThat(stats.path("two").path("waiting").asLong()).isZero();
                assertThat(console(one, port, "/api/stats", "HX-Request", "true")).as("the page's part")
                        .contains("Every host (shared store)", "data-host=\"one\"", "data-host=\"two\"");
            }
        }
    }

    @Test
    void anOperatorOnAnyHostHoldsReleasesAndRequeuesTheSharedEntries() throws Exception {
        String db = SharedHosts.database();
        int port = freePort();
        TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "cellphone.http.port = " + port);
        TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
        try (RunningRouter r1 = RunningRouter.start(one.root, tmp.resolve("one.log"),
                Map.of("CELLPHONE_HTTP_ENABLED", "true"))) {
            // two's router is not running: the message for its agent waits in the database, where one can hold it
            assertThat(Cli.run(one.root, "send", "-a", "Agent-6", "-m", "held for a while", "--id", "hold-1")
                    .exitCode()).isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> rows(db, "SELECT state FROM entries WHERE id = "
                    + "'hold-1'").equals(List.of("waiting")));
            Cli.Result held = Cli.run(one.root, "hold", "hold-1");
            assertThat(held.exitCode()).as(held.out() + held.err()).isZero();
            assertThat(rows(db, "SELECT state FROM entries WHERE id = 'hold-1'")).containsExactly("held");
            var queue = org.agentcellphone.model.Json.MAPPER.readTree(console(one, port, "/api/queue"));
            assertThat(queue.toString()).as("one's console lists what is held for two").contains("hold-1", "held",
                    "Agent-6");
            try (RunningRouter r2 = RunningRouter.start(two.root, tmp.resolve("two.log"))) {
                Thread.sleep(1_500);
                assertThat(two.inbox("Agent-6")).as("held: not delivered").isEmpty();
                assertThat(Cli.run(two.root, "release", "hold-1").exitCode()).isZero();
                await().atMost(Duration.ofSeconds(15)).until(() -> two.inbox("Agent-6").size() == 1);

                // a delivery that fails on two goes to the shared dead letter; one requeues it once the inbox is back
                two.blockInbox("Agent-5");
                assertThat(Cli.run(one.root, "send", "-a", "Agent-5", "-m", "fails first", "--id", "dead-1")
                        .exitCode()).isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(db, "SELECT state || ':' || reason_code "
                        + "FROM entries WHERE id = 'dead-1'").equals(List.of("dead:delivery-failed")));
                assertThat(trackState(one, "dead-1")).as("the sender's host tracks it to the shared dead letter")
                        .isEqualTo("failed");
                assertThat(Cli.run(one.root, "track", "dead-1").out()).contains("delivery-failed");
                assertThat(console(one, port, "/api/dead-letters")).as("one's console lists two's failed delivery")
                        .contains("dead-1", "delivery-failed", "Agent-5");
                two.unblockInbox("Agent-5");
                Cli.Result requeued = Cli.run(one.root, "requeue", "dead-1");
                assertThat(requeued.exitCode()).as(requeued.out() + requeued.err()).isZero();
                await().atMost(Duration.ofSeconds(15)).until(() -> two.inbox("Agent-5").size() == 1);
                assertThat(Cli.run(one.root, "requeue", "dead-1").exitCode()).as("nothing dead any more").isNotZero();
                Thread.sleep(1_000);
                assertThat(two.inbox("Agent-5")).hasSize(1);
                assertThat(two.inbox("Agent-6")).hasSize(1);

                // send --wait on one ends with exit 1 when the delivery on two fails
                two.blockInbox("Agent-7");
                Cli.Result waited = Cli.run(one.root, "send", "-a", "Agent-7", "-m", "fails on two", "--id", "dead-2",
                        "--wait");
                assertThat(waited.exitCode()).as(waited.out() + waited.err()).isEqualTo(1);
                assertThat(waited.err()).contains("dead-2 failed");
            }
        }
    }

    @Test
    void eightAgentsOnTwoHostsRacingForTenTasksMakeTenDistinctClaims() throws Exception {
        String db = SharedHosts.database();
        TestHome one = SharedHosts.home(tmp.resolve("one"), "one", db, "");
        TestHome two = SharedHosts.home(tmp.resolve("two"), "two", db, "");
        for (int i = 0; i < 9; i++) {
            assertThat(Cli.run(i % 2 == 0 ? one.root : two.root, "task", "add", "--title", "task " + i,
                    "--priority", i % 3 == 0 ? "LOW" : "MEDIUM").exitCode()).isZero();
        }
        assertThat(Cli.run(two.root, "task", "add", "--title", "the critical one", "--priority", "CRITICAL")
                .exitCode()).isZero();
        assertThat(org.agentcellphone.model.Json.MAPPER.readTree(Cli.run(one.root, "task", "list", "--json").out()))
                .as("one host sees the tasks added on both").hasSize(10);

        List<Process> claimers = new java.util.ArrayList<>();
        for (int a = 1; a <= 8; a++) {
            TestHome host = SharedHosts.hostOf("Agent-" + a).equals("one") ? one : two;
            String loop = "while true; do \"$0\" task next -a Agent-" + a + " --json; rc=$?; [ $rc -eq 0 ] || break; "
                    + "done; [ $rc -eq 5 ]";
            claimers.add(Cli.shell(host.root, loop, tmp.resolve("claimer-" + a + ".log")));
        }
        for (Process p : claimers) {
            assertThat(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("each claimer ends with 'no tasks' (5)").isZero();
        }
        List<String> claimed = new java.util.ArrayList<>();
        for (int a = 1; a <= 8; a++) {
            for (String line : java.nio.file.Files.readAllLines(tmp.resolve("claimer-" + a + ".log"))) {
                if (line.startsWith("{")) {
                    var task = org.agentcellphone.model.Json.MAPPER.readTree(line);
                    claimed.add(task.path("id").asText());
                    assertThat(task.path("assigned_to").asText()).isEqualTo("Agent-" + a);
                }
            }
        }
        assertThat(claimed).hasSize(10).doesNotHaveDuplicates();
        assertThat(rows(db, "SELECT state || ':' || count(DISTINCT assigned_to || id) FROM tasks GROUP BY state"))
                .containsExactly("claimed:10");
        assertThat(Cli.run(two.root, "task", "next", "-a", "Agent-5").exitCode()).as("none left").isEqualTo(5);

        // completing: only the agent that holds it, from any host
        String first = claimed.get(0);
        String holder = rows(db, "SELECT assigned_to FROM tasks WHERE id = '" + first + "'").get(0);
        String other = holder.equals("Agent-1") ? "Agent-2" : "Agent-1";
        Cli.Result refused = Cli.run(one.root, "task", "complete", first, "-a", other);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err() + refused.out()).contains("assigned to " + holder);
        TestHome holderHost = SharedHosts.hostOf(holder).equals("one") ? one : two;
        assertThat(Cli.run(holderHost.root, "task", "complete", first, "-a", holder).exitCode()).isZero();
        assertThat(rows(db, "SELECT state FROM tasks WHERE id = '" + first + "'")).containsExactly("completed");
    }

    /** The state {@code track} gives the first recipient of a message, on this home. */
    private static String trackState(TestHome home, String id) throws Exception {
        return org.agentcellphone.model.Json.MAPPER.readTree(Cli.run(home.root, "track", id, "--json").out())
                .path("recipients").path(0).path("state").asText();
    }

    /** The id of the one reply two's Agent-6 sent (ack -m). */
    private static String replyId(TestHome two) throws Exception {
        return org.agentcellphone.model.Json.MAPPER.readTree(two.home.receipts().resolve("cross-1.Agent-6.acked.json")
                .toFile()).path("reply_id").asText();
    }

    /** Drops {@code count} messages into the home's shared outbox, to Agent-1…8 in turn. */
    private static Thread writer(TestHome home, String prefix, int count, String text) {
        return new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    home.drop(prefix + i + "-" + System.nanoTime() + ".json", "{\"id\":\"" + prefix + i
                            + "\",\"to\":\"Agent-" + (i % 8 + 1) + "\",\"content\":\"" + text + " " + i + "\"}");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every id@agent in the inboxes of both hosts' own agents, with how often it is there. */
    private static Map<String, Integer> delivered(TestHome one, TestHome two) throws Exception {
        Map<String, Integer> seen = new HashMap<>(SharedHosts.idsOnHost(one, "one"));
        SharedHosts.idsOnHost(two, "two").forEach((k, n) -> seen.merge(k, n, Integer::sum));
        return seen;
    }

    private static List<String> rows(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet r = c.createStatement().executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        }
    }

    private static String health(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().replace(" ", "");
        } catch (Exception e) {
            return "unreachable: " + e;
        }
    }

    /** A console API answer, with the token (and any further header name, value pairs). */
    private static String console(TestHome home, int port, String path, String... headers) throws Exception {
        String token = java.nio.file.Files.readString(home.home.state().resolve("console.token")).strip();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Cellphone-Token", token).timeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
