package org.agentcellphone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;

/**
 * The operator's commands against a running router, run as a user runs them (bin/cellphone in its own process),
 * and the retention run on its Quartz schedule.
 */
class QueueOperationsTest {

    /** Retries long enough for an operator to act on an entry whose inbox is blocked. */
    private static final String PATIENT = "cellphone.retry.max-attempts = 1000\ncellphone.retry.max-delay = 300ms\n";

    @TempDir
    Path tmp;

    private static String drop(String id, String to) {
        return "{\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"content\":\"" + id + " content\"}";
    }

    private static List<Path> entries(Path dir) throws Exception {
        return TestHome.list(dir, "*.json");
    }

    @Test
    void heldEntryIsNotDeliveredUntilReleasedThenDeliveredOnce() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), PATIENT).startRouter()) {
            home.blockInbox("Agent-7");
            home.drop("h.json", drop("hold-me-1234", "Agent-7"));
            await().atMost(Duration.ofSeconds(10)).until(() -> entries(home.home.pending()).size() == 1);

            // a unique prefix of the id names it
            Cli.Result held = Cli.run(home.root, "--hold", "hold-me");
            assertThat(held.exitCode()).as(held.err()).isZero();
            assertThat(held.out()).contains("hold", "hold-me-1234", "Agent-7", "pending -> held");
            assertThat(entries(home.home.pending())).isEmpty();
            assertThat(entries(home.home.held())).hasSize(1);

            home.unblockInbox("Agent-7");
            Thread.sleep(1500);
            assertThat(home.inbox("Agent-7")).as("a held entry is not delivered").isEmpty();
            Cli.Result stats = Cli.run(home.root, "--queue-stats", "--json");
            assertThat(Json.MAPPER.readTree(stats.out()).path("held").asInt()).isEqualTo(1);

            Cli.Result released = Cli.run(home.root, "--release", "hold-me-1234", "--json");
            assertThat(released.exitCode()).as(released.err()).isZero();
            JsonNode done = Json.MAPPER.readTree(released.out());
            assertThat(done.get(0).path("action").asText()).isEqualTo("release");
            assertThat(done.get(0).path("to").asText()).isEqualTo("pending");

            home.awaitInboxCount("Agent-7", 1);
            Thread.sleep(500);
            assertThat(home.inboxIds("Agent-7")).containsExactlyEntriesOf(Map.of("hold-me-1234", 1));
            assertThat(entries(home.home.held())).isEmpty();
            assertThat(entries(home.home.requeue())).isEmpty();
            assertThat(Files.readString(home.home.state().resolve("operations.log")))
                    .contains("\"action\":\"hold\"", "\"action\":\"release\"");
        }
    }

    @Test
    void requeuedDeadLetterIsDeliveredOnceWithItsEarlierFailureInTheRecord() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n").startRouter()) {
            home.blockInbox("Agent-3");
            home.drop("r.json", drop("requeue-me-77", "Agent-3"));
            home.awaitFailedCount(1);
            assertThat(home.reasonOf(home.failedEntries().get(0)).path("code").asText()).isEqualTo("delivery-failed");
            home.unblockInbox("Agent-3");

            // ids may come on standard input
            Process p = Cli.builder(home.root, List.of("--requeue", "-")).start();
            p.getOutputStream().write("requeue-me\n".getBytes());
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes())).isZero();
            assertThat(out).contains("requeue", "requeue-me-77", "failed -> pending", "was delivery-failed");

            home.awaitInboxCount("Agent-3", 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(home.home.delivered().resolve("requeue-me-77.Agent-3.json")));
            Thread.sleep(500);
            assertThat(home.inboxIds("Agent-3")).containsExactlyEntriesOf(Map.of("requeue-me-77", 1));
            assertThat(home.failedEntries()).isEmpty();
            JsonNode record = home.record("requeue-me-77", "Agent-3");
            assertThat(record.path("attempts").asInt()).as("attempts start again").isEqualTo(1);
            assertThat(record.path("history").get(0).path("code").asText()).isEqualTo("delivery-failed");
            assertThat(record.path("history").get(0).path("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRequeueACrashInterruptedIsNotHandedBackTwiceWhetherItsCopyWaitsOrWasDelivered() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n").startRouter()) {
            home.blockInbox("Agent-3");
            home.drop("r.json", drop("twice-1", "Agent-3"));
            home.awaitFailedCount(1);
            home.stopRouter();
            home.unblockInbox("Agent-3");
            // what a crash between writing the handed-back copy and removing the dead one leaves: both
            Path dead = home.failedEntries().get(0);
            Path reason = dead.resolveSibling(dead.getFileName() + ".reason.json");
            byte[] deadBytes = Files.readAllBytes(dead);
            byte[] reasonBytes = Files.readAllBytes(reason);

            assertThat(Cli.run(home.root, "--requeue", "twice-1").exitCode()).isZero();
            assertThat(entries(home.home.requeue())).hasSize(1);
            Files.write(dead, deadBytes);
            Files.write(reason, reasonBytes);
            Cli.Result again = Cli.run(home.root, "--requeue", "twice-1");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).contains("already handed back");
            assertThat(entries(home.home.requeue())).as("one copy waits, not two").hasSize(1);
            assertThat(home.failedEntries()).isEmpty();

            assertThat(Cli.run(home.root, "--process-queue").exitCode()).isZero();
            assertThat(home.inboxIds("Agent-3")).containsExactlyEntriesOf(Map.of("twice-1", 1));
            Files.write(dead, deadBytes);
            Files.write(reason, reasonBytes);
            Cli.Result late = Cli.run(home.root, "requeue", "twice-1");
            assertThat(late.out()).contains("already handed back");
            assertThat(entries(home.home.requeue())).isEmpty();
            assertThat(Cli.run(home.root, "drain").exitCode()).isZero();
            assertThat(home.inboxIds("Agent-3")).as("delivered once").containsExactlyEntriesOf(Map.of("twice-1", 1));
            assertThat(home.failedEntries()).isEmpty();
        }
    }

    @Test
    void ambiguousOrUnknownIdsAreRefusedAndNothingIsTouched() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n").startRouter()) {
            home.blockInbox("Agent-2");
            home.drop("a.json", drop("same-prefix-a", "Agent-2"));
            home.drop("b.json", drop("same-prefix-b", "Agent-2"));
            home.awaitFailedCount(2);

            Cli.Result ambiguous = Cli.run(home.root, "--delete", "same-prefix");
            assertThat(ambiguous.exitCode()).isEqualTo(2);
            assertThat(ambiguous.err()).contains("'same-prefix' matches 2 messages", "same-prefix-a", "same-prefix-b");
            Cli.Result unknown = Cli.run(home.root, "--requeue", "no-such-id");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("nothing in message_queue/failed/ matches 'no-such-id'");
            assertThat(home.failedEntries()).hasSize(2);

            Cli.Result deleted = Cli.run(home.root, "--delete", "same-prefix-a", "--reason", "sent by mistake");
            assertThat(deleted.exitCode()).as(deleted.err()).isZero();
            assertThat(home.failedEntries()).hasSize(1);
            assertThat(Files.readString(home.home.state().resolve("operations.log")))
                    .contains("\"action\":\"delete\"", "same-prefix-a", "sent by mistake", "delivery-failed");
        }
    }

    @Test
    void retentionRunExpiresEntriesOlderThanTheMaxAgeIntoTheDeadLetterAndLeavesHeldOnes() throws Exception {
        Path root = tmp.resolve("home");
        try (TestHome home = new TestHome(root, PATIENT + "cellphone.retention.cron = * * * * * ?\n")) {
            PendingStore store = new PendingStore(home.home);
            long eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS).toEpochMilli() * 1000;
            store.write(entry("old-one", "Agent-5", eightDaysAgo));
            PendingEntry oldHeld = store.write(entry("old-held", "Agent-5", eightDaysAgo + 1));
            Files.move(oldHeld.file(), home.home.held().resolve(oldHeld.file().getFileName()));
            home.blockInbox("Agent-5");
            home.startRouter();
            home.drop("n.json", drop("young-one", "Agent-5"));

            home.awaitFailedCount(1);
            Path expired = home.failedEntries().get(0);
            JsonNode reason = home.reasonOf(expired);
            assertThat(reason.path("code").asText()).isEqualTo("expired");
            assertThat(reason.path("id").asText()).isEqualTo("old-one");
            assertThat(reason.path("detail").asText()).contains("waited longer than 7d");

            home.unblockInbox("Agent-5");
            home.awaitInboxCount("Agent-5", 1);
            Thread.sleep(1500);
            assertThat(home.inboxIds("Agent-5")).containsExactlyEntriesOf(Map.of("young-one", 1));
            assertThat(home.failedEntries()).hasSize(1);
            assertThat(entries(home.home.held())).as("held entries are left alone").hasSize(1);
        }
    }

    private static Envelope entry(String id, String to, long seq) {
        return new Envelope(new Message(id, "Agent-4", null, Priority.REGULAR, null, MessageType.TEXT, List.of(), null,
                null, "inbox", null, id + " content"), to, AcceptanceClock.toInstant(seq).toString(),
                "message_queue/outbox/x.json", seq, null, null);
    }
}
