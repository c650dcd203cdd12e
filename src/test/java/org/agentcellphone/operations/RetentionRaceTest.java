package org.agentcellphone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.Delivery;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.delivery.InboxWriter;
import org.agentcellphone.delivery.WakePolicy;
import org.agentcellphone.store.AwaitingAcks;
import org.agentcellphone.store.Receipts;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.Backlog;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.FileStore;
import org.agentcellphone.store.PendingEntry;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.store.Stalled;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention (in the router, or {@code cellphone expire} from another process) against a lane delivering the same
 * entry: the interleavings, step by step, with the real store and delivery classes.
 */
class RetentionRaceTest {

    @TempDir
    Path tmp;

    private static Envelope oldEntry(String id, String to) {
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        long seq = eightDaysAgo.getEpochSecond() * 1_000_000L + id.length();
        return new Envelope(new Message(id, "Agent-4", null, Priority.REGULAR, null, MessageType.TEXT, List.of(), null,
                null, "inbox", null, id + " content"), to, AcceptanceClock.toInstant(seq).toString(),
                "message_queue/outbox/x.json", seq, null, null);
    }

    @Test
    void anEntryExpiredWhileItsLaneDeliveredItIsDeliveredOnceAndNotLeftDead() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            PendingStore pending = new PendingStore(home.home);
            DeliveryLedger ledger = new DeliveryLedger(home.home);
            DeadLetter deadLetter = new DeadLetter(home.home, new AcceptanceClock(), Metrics.none());
            InboxWriter inbox = new InboxWriter(home.home, new InboxFormat(Roster.defaults()));
            FileStore store = new FileStore(home.home, deadLetter, null, new AcceptanceClock());
            Delivery delivery = new Delivery(home.home, store, store, inbox, ledger, new Backlog(100),
                    new Stalled(), Metrics.none(), new WakePolicy(Roster.defaults(), "inbox"), new Receipts(home.home),
                    new AwaitingAcks());
            Envelope envelope = oldEntry("late-1", "Agent-2");
            PendingEntry entry = pending.write(envelope);

            // the lane has written the inbox file and the record ...
            Path written = inbox.write(envelope);
            ledger.record(envelope, written, 1, Instant.now(), home.home.relative(written));
            // ... when retention expires the entry ...
            Retention.Report report = new Retention(store, home.home, null, Duration.ofDays(7),
                    Duration.ofDays(30)).run();
            assertThat(report.expired()).isEqualTo(1);
            assertThat(home.failedEntries()).hasSize(1);
            // ... and then finishes it
            delivery.finishRecorded(entry, envelope);

            assertThat(home.failedEntries()).as("delivered, so not dead").isEmpty();
            assertThat(home.inboxIds("Agent-2")).containsExactlyEntriesOf(Map.of("late-1", 1));
            assertThat(pending.list()).isEmpty();
            assertThat(ledger.isRecorded(entry)).isTrue();
        }
    }

    @Test
    void retentionThatLosesTheRaceToTheLaneLeavesNoReasonBehind() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            PendingStore pending = new PendingStore(home.home);
            DeadLetter deadLetter = new DeadLetter(home.home, new AcceptanceClock(), Metrics.none());
            PendingEntry entry = pending.write(oldEntry("late-2", "Agent-3"));
            // the lane finished the entry between the moment retention listed it and its move
            pending.remove(entry);
            assertThatThrownBy(() -> deadLetter.movePending(entry, Rejection.of(ReasonCode.EXPIRED, "too old"), 0))
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(home.failedEntries()).isEmpty();
            assertThat(TestHome.list(home.home.failed(), "*")).as("no orphan reason").isEmpty();

            // and the next entry still expires as it should
            pending.write(oldEntry("late-3", "Agent-3"));
            FileStore store = new FileStore(home.home, deadLetter, null, new AcceptanceClock());
            assertThat(new Retention(store, home.home, null, Duration.ofDays(7), Duration.ofDays(30))
                    .run().expired()).isEqualTo(1);
            assertThat(home.reasonOf(home.failedEntries().get(0)).path("code").asText()).isEqualTo("expired");
        }
    }
}
