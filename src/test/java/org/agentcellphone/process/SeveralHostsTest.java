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
            assertThat(one.home.delivered().resolve("cross-1.Agent-6.json")).as("recorded where it was delivered")
                    .doesNotExist();
            assertThat(two.record("cross-1", "Agent-6").path("id").asText()).isEqualTo("cross-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> one.failedEntries().size() == 1);
            assertThat(one.reasonOf(one.failedEntries().get(0)).path("code").asText()).isEqualTo("malformed");
            assertThat(rows(db, "SELECT recipient || ':' || id || ':' || state || ':' || accepted_by || ':' "
                    + "|| delivered_by FROM entries ORDER BY 1")).containsExactly("Agent-1:back-1:delivered:two:one",
                    "Agent-2:local-1:delivered:one:one", "Agent-6:cross-1:delivered:one:two");
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
                assertThat(TestHome.list(two.home.outbox(), "*.json").size()
                        + TestHome.list(two.home.pending(), "*.json").size())
                        .as("what two took while the database was down waits in its spool").isEqualTo(messages / 2);
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
            }
        }
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

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
