package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health and Prometheus metrics over Camel Main's embedded HTTP server, on the loopback address. */
class MetricsTest {

    @TempDir
    Path tmp;

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void metricsEndpointCountsDeliveriesAndDeadLettersByCode() throws Exception {
        int port = freePort();
        String settings = "cellphone.http.enabled = true\ncellphone.http.port = " + port + "\n";
        try (TestHome home = new TestHome(tmp.resolve("home"), settings).startRouter()) {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/observe/health").startsWith("200"));
            assertThat(get(base + "/observe/health")).contains("\"status\":\"UP\"");

            for (int i = 0; i < 20; i++) {
                home.drop("ok" + i + ".json", "{\"id\":\"ok-" + i + "\",\"to\":\"Agent-" + (1 + i % 8) + "\",\"content\":\"x\"}");
            }
            home.drop("bad1.json", "{ not json");
            home.drop("bad2.json", "{\"to\":\"Agent-1\"}");
            home.drop("bad3.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"priority\":\"sometimes\"}");
            home.drop("nobody.json", "{\"id\":\"nobody\",\"to\":\"Agent-99\",\"content\":\"x\"}");
            home.awaitFailedCount(4);
            await().atMost(Duration.ofSeconds(20)).until(() -> home.records().size() == 20);

            String metrics = get(base + "/observe/metrics");
            assertThat(metrics).startsWith("200");
            assertThat(metrics).contains("cellphone_delivered_total 20.0");
            assertThat(metrics).contains("cellphone_accepted_total 20.0");
            assertThat(metrics).contains("cellphone_dead_lettered_total{code=\"malformed\"} 1.0");
            assertThat(metrics).contains("cellphone_dead_lettered_total{code=\"missing-field\"} 1.0");
            assertThat(metrics).contains("cellphone_dead_lettered_total{code=\"invalid-field\"} 1.0");
            assertThat(metrics).contains("cellphone_dead_lettered_total{code=\"unknown-recipient\"} 1.0");
            assertThat(metrics).contains("cellphone_dead_lettered_total{code=\"delivery-failed\"} 0.0");
            assertThat(metrics).contains("cellphone_delivery_latency_seconds_count 20");
            assertThat(metrics).contains("cellphone_delivery_latency_seconds_bucket{le=\"+Inf\"} 20");
            assertThat(metrics).contains("cellphone_pending{priority=\"urgent\"} 0.0");
            assertThat(metrics).contains("cellphone_pending{priority=\"regular\"} 0.0");
        }
    }

    @Test
    void metricsCountReadsAcksAndMessagesAwaitingAnAck() throws Exception {
        int port = freePort();
        String settings = "cellphone.http.enabled = true\ncellphone.http.port = " + port + "\n";
        try (TestHome home = new TestHome(tmp.resolve("home"), settings).startRouter()) {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/observe/health").startsWith("200"));
            for (int i = 0; i < 3; i++) {
                home.drop("ack" + i + ".json", "{\"id\":\"ack-" + i + "\",\"to\":\"Agent-5\",\"content\":\"x\","
                        + "\"ack_required\":true}");
            }
            home.awaitInboxCount("Agent-5", 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/observe/metrics")
                    .contains("cellphone_awaiting_ack 3.0"));

            // one read by moving its file into inbox/read/, one acknowledged as bin/cellphone ack does it
            Path inbox = home.home.inbox("Agent-5");
            Path first = home.inbox("Agent-5").stream().filter(p -> p.toString().endsWith("_ack-0.md")).findFirst()
                    .orElseThrow();
            Files.createDirectories(inbox.resolve("read"));
            Files.move(first, inbox.resolve("read").resolve(first.getFileName()));
            Receipts receipts = new Receipts(home.home);
            String now = java.time.Instant.now().toString();
            receipts.markRead(new Receipts.Read("ack-1", "Agent-5", now, "cli"));
            receipts.markAcked(new Receipts.Acked("ack-1", "Agent-5", now, null));

            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/observe/metrics")
                    .contains("cellphone_awaiting_ack 2.0"));
            String metrics = get(base + "/observe/metrics");
            assertThat(metrics).contains("cellphone_read_total 2.0");
            assertThat(metrics).contains("cellphone_acked_total 1.0");
            assertThat(receipts.readOf("ack-0", "Agent-5")).get().extracting(Receipts.Read::by).isEqualTo("file");
            assertThat(receipts.readOf("ack-2", "Agent-5")).isEmpty();
        }
    }

    @Test
    void aRouterWhoseMetricsPortIsTakenStillDelivers() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String settings = "cellphone.http.enabled = true\ncellphone.http.port = " + taken.getLocalPort() + "\n";
            try (TestHome home = new TestHome(tmp.resolve("home"), settings).startRouter()) {
                home.drop("a.json", "{\"id\":\"still-flows\",\"to\":\"Agent-3\",\"content\":\"x\"}");
                home.awaitInboxCount("Agent-3", 1);
                assertThat(home.inboxIds("Agent-3")).containsOnlyKeys("still-flows");
            }
        }
    }
}
