package org.agentcellphone.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.support.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared store on a real PostgreSQL server runs the contract, plus what only a shared store does. */
class PostgresStoreTest extends MessageStoreContract {

    @TempDir
    Path tmp;

    private String url;
    private final List<HikariDataSource> pools = new java.util.ArrayList<>();

    @Override
    protected MessageStore store() throws Exception {
        url = PostgresServer.shared().newDatabase();
        return reopen();
    }

    @Override
    protected MessageStore reopen() throws Exception {
        return open("host-1");
    }

    private PostgresStore open(String host) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgresServer.USER);
        config.setPassword(PostgresServer.PASSWORD);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        SharedSchema.migrate(pool);
        return new PostgresStore(pool, host, recipient -> recipient.equals("Agent-2") ? "host-2" : "host-1",
                new AcceptanceClock());
    }

    @Override
    protected Path inboxFile(String recipient, String id) {
        return tmp.resolve(recipient + "-" + id + ".md");
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void theSchemaIsAppliedOnceWhateverHowManyRoutersStart() throws Exception {
        store();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgresServer.USER);
        config.setPassword(PostgresServer.PASSWORD);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(SharedSchema.migrate(pool)).as("already up to date").isZero();
            try (var c = pool.getConnection(); var r = c.createStatement().executeQuery(
                    "SELECT count(*), max(version) FROM cellphone_schema")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(SharedSchema.MIGRATIONS.size());
                assertThat(r.getInt(2)).isEqualTo(SharedSchema.MIGRATIONS.size());
            }
        }
    }

    @Test
    void eachHostIsOfferedTheEntriesOfItsOwnAgentsOnceUntilSettled() throws Exception {
        PostgresStore one = (PostgresStore) store();
        PostgresStore two = open("host-2");
        one.accept(List.of(message("o-1", "Agent-1"), message("o-1", "Agent-2"), message("o-2", "Agent-2")));
        assertThat(one.offer(10)).extracting(PendingEntry::recipient).containsExactly("Agent-1");
        List<PendingEntry> offered = two.offer(10);
        assertThat(offered).extracting(PendingEntry::id).containsExactly("o-1", "o-2");
        assertThat(two.offer(10)).as("offered already").isEmpty();
        two.settled(offered.get(0));
        assertThat(two.offer(10)).extracting(PendingEntry::id).containsExactly("o-1");
    }

    @Test
    void anEntryClaimedByOneRouterIsNotDeliveredByAnotherAndALostClaimWaitsAgain() throws Exception {
        PostgresStore one = (PostgresStore) store();
        PostgresStore two = open("host-1");
        PendingEntry entry = one.accept(List.of(message("c-1", "Agent-1"))).get(0);
        try (MessageStore.Delivering first = one.delivering(entry)) {
            assertThat(first.message()).isNotNull();
            try (MessageStore.Delivering second = two.delivering(entry)) {
                assertThat(second.message()).as("the row is locked by the first attempt").isNull();
            }
            // the first attempt ends without done (its router died): the claim goes with its connection
        }
        Path jobs = Files.createDirectories(tmp.resolve("wake"));
        try (MessageStore.Delivering again = two.delivering(entry)) {
            assertThat(again.message().message().content()).isEqualTo("c-1 content");
            Path job = again.done(jobs, null);
            assertThat(job).exists();
            assertThat(Files.readString(job)).contains("c-1 content");
        }
        assertThat(one.isDelivered(entry)).isTrue();
        try (MessageStore.Delivering late = one.delivering(entry)) {
            assertThat(late.message()).as("delivered: not handed out again").isNull();
        }
    }

    @Test
    void theSameIdAcceptedByTwoHostsAtOnceIsOneEntry() throws Exception {
        PostgresStore one = (PostgresStore) store();
        PostgresStore two = open("host-2");
        Envelope m = message("same-1", "Agent-3");
        List<List<PendingEntry>> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread a = new Thread(() -> results.add(unchecked(() -> one.accept(List.of(m)))));
        Thread b = new Thread(() -> results.add(unchecked(() -> two.accept(List.of(m)))));
        a.start();
        b.start();
        a.join();
        b.join();
        assertThat(results.stream().mapToInt(List::size).sum()).isEqualTo(1);
        assertThat(one.waiting()).hasSize(1);
        assertThat(one.counts()).containsEntry("waiting", 1L);
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deliveredIdsAreForgottenAfterTheDedupeWindowAndOnlyThey() throws Exception {
        PostgresStore store = (PostgresStore) store();
        long old = Instant.now().minus(java.time.Duration.ofDays(8)).getEpochSecond() * 1_000_000L;
        List<PendingEntry> accepted = store.accept(List.of(message("f-old", "Agent-1", old),
                message("f-waits", "Agent-1", old + 1), message("f-new", "Agent-1")));
        store.delivered(accepted.get(0), store.read(accepted.get(0)), inboxFile("Agent-1", "f-old"), "x", 1,
                Instant.now().minus(java.time.Duration.ofDays(8)));
        store.delivered(accepted.get(2), store.read(accepted.get(2)), inboxFile("Agent-1", "f-new"), "x", 1,
                Instant.now());
        try (var c = pools.get(0).getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO receipts (name, body, host, updated_at) VALUES "
                    + "('f-old.Agent-1.read.json', '{}', 'host-2', now() - interval '8 days'), "
                    + "('f-new.Agent-1.read.json', '{}', 'host-2', now())");
        }
        assertThat(store.forgetDelivered(Instant.now().minus(java.time.Duration.ofDays(7)))).isEqualTo(1);
        try (var c = pools.get(0).getConnection(); var r = c.createStatement().executeQuery(
                "SELECT name FROM receipts")) {
            r.next();
            assertThat(r.getString(1)).as("the old receipt's shared copy went with it").isEqualTo(
                    "f-new.Agent-1.read.json");
            assertThat(r.next()).isFalse();
        }
        assertThat(store.accept(List.of(message("f-old", "Agent-1")))).as("forgotten: accepted anew").hasSize(1);
        assertThat(store.accept(List.of(message("f-new", "Agent-1")))).as("within the window: a duplicate").isEmpty();
        assertThat(store.waiting()).extracting(PendingEntry::id).as("an old waiting entry is kept")
                .containsExactly("f-waits", "f-old");
    }

    @Test
    void aDeliveredEntryRecordsWhereAndWhen() throws Exception {
        PostgresStore store = (PostgresStore) store();
        PendingEntry entry = store.accept(List.of(message("w-1", "Agent-1"))).get(0);
        store.delivered(entry, store.read(entry), inboxFile("Agent-1", "w-1"), "agent_workspaces/Agent-1/inbox/x.md",
                2, Instant.now());
        assertThat(store.counts()).containsEntry("delivered", 1L).doesNotContainKey("waiting");
    }
}
