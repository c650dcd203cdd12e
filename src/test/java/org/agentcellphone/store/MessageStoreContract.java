package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.MessageStore.Outcome;
import org.junit.jupiter.api.Test;

/**
 * What every store must do; each implementation's test extends this class. {@link #reopen()} is a restart: a new
 * store on the same data, as after {@code kill -9} of the process that held the old one.
 */
public abstract class MessageStoreContract {

    private long seq = Instant.now().minus(Duration.ofHours(1)).getEpochSecond() * 1_000_000L;

    /** A store on empty data. */
    protected abstract MessageStore store() throws Exception;

    /** A new store on the data of the last one. */
    protected abstract MessageStore reopen() throws Exception;

    /** Where a delivered entry's inbox copy is (the store records it; the test only names it). */
    protected abstract Path inboxFile(String recipient, String id);

    protected Envelope message(String id, String to) {
        return message(id, to, ++seq);
    }

    protected static Envelope message(String id, String to, long seq) {
        return new Envelope(new Message(id, "Agent-4", null, Priority.REGULAR, null, MessageType.TEXT, List.of(), null,
                null, "inbox", null, id + " content"), to, Instant.now().toString(), "message_queue/outbox/" + id + ".json",
                seq, null, null);
    }

    private static void deliver(MessageStore store, PendingEntry entry, Path inbox) throws Exception {
        store.delivered(entry, store.read(entry), inbox, "agent_workspaces/" + entry.recipient() + "/inbox/x.md", 1,
                Instant.now());
    }

    @Test
    void anAcceptedEntryWaitsSurvivesARestartAndIsDeliveredOnce() throws Exception {
        MessageStore store = store();
        List<PendingEntry> accepted = store.accept(List.of(message("a-1", "Agent-1"), message("a-1", "Agent-2")));
        assertThat(accepted).hasSize(2);
        store = reopen();
        List<PendingEntry> waiting = store.waiting();
        assertThat(waiting).extracting(PendingEntry::recipient).containsExactly("Agent-1", "Agent-2");
        assertThat(store.read(waiting.get(0)).message().content()).isEqualTo("a-1 content");

        deliver(store, waiting.get(0), inboxFile("Agent-1", "a-1"));
        assertThat(store.isDelivered(waiting.get(0))).isTrue();
        assertThat(store.read(waiting.get(0))).as("a delivered entry no longer waits").isNull();
        assertThat(reopen().waiting()).extracting(PendingEntry::recipient).containsExactly("Agent-2");
    }

    @Test
    void theSameIdForTheSameRecipientIsAcceptedOnceEvenAfterARestart() throws Exception {
        MessageStore store = store();
        assertThat(store.accept(List.of(message("d-1", "Agent-1"), message("d-1", "Agent-1")))).hasSize(1);
        assertThat(reopen().accept(List.of(message("d-1", "Agent-1"), message("d-1", "Agent-3")))).hasSize(1)
                .extracting(PendingEntry::recipient).containsExactly("Agent-3");
    }

    @Test
    void aHeldEntryDoesNotWaitUntilReleased() throws Exception {
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("h-1", "Agent-5"))).get(0);
        assertThat(store.hold(entry)).isEqualTo(Outcome.MOVED);
        assertThat(store.waiting()).isEmpty();
        assertThat(store.read(entry)).isNull();
        assertThat(store.expire(Duration.ZERO, Instant.now().plusSeconds(3600))).as("held ones do not expire").isZero();
        List<PendingEntry> held = reopen().held();
        assertThat(held).hasSize(1);
        store = reopen();
        assertThat(store.release(held.get(0))).isEqualTo(Outcome.MOVED);
        assertThat(store.held()).isEmpty();
        assertThat(store.waiting()).extracting(PendingEntry::id).containsExactly("h-1");
    }

    @Test
    void holdingOrReleasingAnEntryDeliveredMeanwhileSaysSoAndKeepsNoCopy() throws Exception {
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("h-2", "Agent-6"))).get(0);
        Envelope read = store.read(entry);
        // its lane has read it, and records it after the hold moved it
        assertThat(store.hold(entry)).isEqualTo(Outcome.MOVED);
        PendingEntry held = store.held().get(0);
        store.delivered(entry, read, inboxFile("Agent-6", "h-2"), "x", 1, Instant.now());
        assertThat(store.release(held)).isEqualTo(Outcome.ALREADY_DELIVERED);
        assertThat(store.held()).isEmpty();
        assertThat(store.waiting()).isEmpty();
    }

    @Test
    void aDeadEntryRequeuedWaitsAgainWithItsFailureAndARepeatedRequeueDoesNotCopyItTwice() throws Exception {
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("r-1", "Agent-2"))).get(0);
        store.deadLetter(entry, Rejection.of(ReasonCode.DELIVERY_FAILED, "inbox blocked"), 3);
        assertThat(store.waiting()).isEmpty();
        List<PendingEntry> dead = reopen().dead();
        assertThat(dead).hasSize(1);

        store = reopen();
        assertThat(store.requeue(dead.get(0))).isEqualTo(Outcome.MOVED);
        List<PendingEntry> again = store.waiting();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).seq()).as("a fresh acceptance time").isGreaterThan(entry.seq());
        assertThat(store.read(again.get(0)).history()).singleElement()
                .satisfies(trip -> assertThat(((Map<?, ?>) trip).get("code")).isEqualTo("delivery-failed"));
        assertThat(store.dead()).isEmpty();
        assertThat(store.requeue(dead.get(0))).as("requeued already").isIn(Outcome.GONE, Outcome.ALREADY_HANDED_BACK);
        assertThat(store.waiting()).hasSize(1);
    }

    @Test
    void onlyEntriesOlderThanTheMaxAgeExpireAndTheyAreDeadNotGone() throws Exception {
        MessageStore store = store();
        long old = Instant.now().minus(Duration.ofDays(8)).getEpochSecond() * 1_000_000L;
        store.accept(List.of(message("old-1", "Agent-7", old), message("new-1", "Agent-7")));
        assertThat(store.expire(Duration.ofDays(7), Instant.now())).isEqualTo(1);
        assertThat(store.waiting()).extracting(PendingEntry::id).containsExactly("new-1");
        assertThat(reopen().dead()).extracting(PendingEntry::id).containsExactly("old-1");
    }

    @Test
    void anEntryDeletedIsGoneFromEveryState() throws Exception {
        MessageStore store = store();
        List<PendingEntry> accepted = store.accept(List.of(message("x-1", "Agent-1"), message("x-2", "Agent-1"),
                message("x-3", "Agent-1")));
        store.hold(accepted.get(1));
        store.deadLetter(accepted.get(2), Rejection.of(ReasonCode.DELIVERY_FAILED, "no"), 1);
        assertThat(store.delete(accepted.get(0))).isTrue();
        assertThat(store.delete(store.held().get(0))).isTrue();
        assertThat(store.delete(store.dead().get(0))).isTrue();
        MessageStore after = reopen();
        assertThat(after.waiting()).isEmpty();
        assertThat(after.held()).isEmpty();
        assertThat(after.dead()).isEmpty();
        assertThat(after.delete(accepted.get(0))).as("deleted once").isFalse();
    }
}
