package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store in the home's folders runs the contract, plus the crash windows only a file store has. */
class FileStoreTest extends MessageStoreContract {

    @TempDir
    Path tmp;

    private Home home;
    private DedupeJournal journal;

    @Override
    protected MessageStore store() throws Exception {
        home = new Home(tmp.resolve("home"));
        home.ensureLayout(List.of("Agent-1", "Agent-2", "Agent-3", "Agent-5", "Agent-6", "Agent-7"));
        return reopen();
    }

    @Override
    protected MessageStore reopen() throws Exception {
        if (journal != null) {
            journal.stop();
        }
        journal = new DedupeJournal(home.state().resolve("dedupe.journal"), Duration.ofDays(7));
        journal.start();
        return new FileStore(home, new DeadLetter(home, new AcceptanceClock(), Metrics.none()), journal,
                new AcceptanceClock());
    }

    @Override
    protected Path inboxFile(String recipient, String id) {
        return home.inbox(recipient).resolve(id + ".md");
    }

    @AfterEach
    void closeJournal() throws Exception {
        if (journal != null) {
            journal.stop();
        }
    }

    @Test
    void eachStateIsTheFolderTheEntryFileIsIn() throws Exception {
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("f-1", "Agent-1"))).get(0);
        assertThat(entry.file().getParent()).isEqualTo(home.pending());
        store.hold(entry);
        assertThat(Files.list(home.held()).toList()).hasSize(1);
        assertThat(Files.exists(entry.file())).isFalse();
    }

    @Test
    void aRequeueInterruptedAfterItsCopyWasWrittenIsNotHandedBackAgain() throws Exception {
        // the crash window between writing the handed-back copy and removing the dead one: both are there
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("c-1", "Agent-2"))).get(0);
        store.deadLetter(entry, org.agentcellphone.model.Rejection.of(org.agentcellphone.model.ReasonCode.DELIVERY_FAILED,
                "blocked"), 2);
        PendingEntry dead = store.dead().get(0);
        Path reason = dead.file().resolveSibling(dead.file().getFileName() + DeadLetter.REASON_SUFFIX);
        byte[] deadBytes = Files.readAllBytes(dead.file());
        byte[] reasonBytes = Files.readAllBytes(reason);
        assertThat(store.requeue(dead)).isEqualTo(MessageStore.Outcome.MOVED);
        Files.write(dead.file(), deadBytes);
        Files.write(reason, reasonBytes);

        assertThat(reopen().requeue(dead)).isEqualTo(MessageStore.Outcome.ALREADY_HANDED_BACK);
        assertThat(store.waiting()).hasSize(1);
        assertThat(store.dead()).isEmpty();
    }

    @Test
    void aDeliveryInterruptedBetweenItsRecordAndThePendingFileIsNotHeldOrHandedOutAgain() throws Exception {
        // the crash window between recording a delivery and removing its pending file: both are there
        MessageStore store = store();
        PendingEntry entry = store.accept(List.of(message("w-1", "Agent-5"))).get(0);
        Envelope read = store.read(entry);
        new DeliveryLedger(home).record(read, inboxFile("Agent-5", "w-1"), 1, java.time.Instant.now(), "x");

        MessageStore after = reopen();
        assertThat(after.isDelivered(entry)).isTrue();
        assertThat(after.hold(entry)).isEqualTo(MessageStore.Outcome.ALREADY_DELIVERED);
        assertThat(after.held()).isEmpty();
    }
}
