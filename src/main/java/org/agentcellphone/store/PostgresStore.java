package org.agentcellphone.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.agentcellphone.config.Durations;
import org.agentcellphone.files.Backoff;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store shared by the routers of several hosts: one row per (recipient, message id) in PostgreSQL, its state a
 * column. Acceptance is {@code INSERT … ON CONFLICT DO NOTHING} on that key, so the same id accepted on two hosts
 * is one entry; a delivery attempt holds its row with {@code SELECT … FOR UPDATE SKIP LOCKED} until the inbox copy
 * is durable and the row says delivered, in one transaction: a router killed meanwhile loses its lock with its
 * connection, and the entry waits again for the next attempt (whose inbox write finds the copy already there).
 *
 * <p>An entry's {@link PendingEntry#file()} is only its name (the same as a pending file's), never a path on disk.
 */
public final class PostgresStore implements MessageStore {

    /** The database did not do what was asked (unreachable, restarting, refused): the caller waits and retries. */
    public static final class Unavailable extends IOException {
        Unavailable(SQLException cause) {
            super("the shared database is unavailable: " + cause.getMessage()
                    + (cause.getSQLState() == null ? "" : " (SQL state " + cause.getSQLState() + ")"), cause);
        }

        Unavailable(String why) {
            super(why);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    private static final String KEY = " WHERE recipient = ? AND id = ? AND seq = ?";
    private static final String COLUMNS = "recipient, id, seq, urgent";

    private final DataSource db;
    private final String host;
    private final Function<String, String> hostOf;
    private final AcceptanceClock clock;
    /** Entries this router handed to its lanes and not yet finished: not offered again meanwhile. */
    private final Set<String> offered = ConcurrentHashMap.newKeySet();
    /** After a failure nothing is asked of the database until the pause is over: every caller fails at once. */
    private final Backoff backoff = new Backoff();
    private volatile String down;

    /**
     * @param host   this router's host name
     * @param hostOf the host of a recipient, or null when every host delivers to it
     */
    public PostgresStore(DataSource db, String host, Function<String, String> hostOf, AcceptanceClock clock) {
        this.db = db;
        this.host = host;
        this.hostOf = hostOf;
        this.clock = clock;
    }

    @Override
    public List<PendingEntry> accept(List<Envelope> messages) throws IOException {
        String sql = "INSERT INTO entries (recipient, id, seq, urgent, host, state, envelope, accepted_at, accepted_by)"
                + " VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?) ON CONFLICT (recipient, id) DO NOTHING";
        return inTransaction(c -> {
            List<PendingEntry> accepted = new ArrayList<>();
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (Envelope e : messages) {
                    insert.setString(1, e.recipient());
                    insert.setString(2, e.id());
                    insert.setLong(3, e.seq());
                    insert.setBoolean(4, e.message().priority() == Priority.URGENT);
                    insert.setString(5, hostOf.apply(e.recipient()));
                    insert.setString(6, Json.MAPPER.writeValueAsString(e));
                    insert.setTimestamp(7, Timestamp.from(AcceptanceClock.toInstant(e.seq())));
                    insert.setString(8, host);
                    if (insert.executeUpdate() == 1) {
                        accepted.add(entry(e.recipient(), e.id(), e.seq(), e.message().priority() == Priority.URGENT));
                    }
                }
            }
            return accepted;
        });
    }

    @Override
    public List<PendingEntry> waiting() throws IOException {
        return entries("state = 'waiting'", "urgent DESC, seq", Integer.MAX_VALUE);
    }

    /**
     * The next waiting entries for this host's agents that its lanes do not have yet, in delivery order; they count
     * as offered until their attempt ends.
     */
    public List<PendingEntry> offer(int limit) throws IOException {
        // the lanes hold at most two batches: a backlog of any size costs one bounded query per poll
        int room = Math.min(limit, 2 * limit - offered.size());
        List<PendingEntry> next = new ArrayList<>();
        if (room <= 0) {
            return next;
        }
        for (PendingEntry e : entries("state = 'waiting' AND (host = ? OR host IS NULL)", "urgent DESC, seq",
                room + offered.size(), host)) {
            if (next.size() < room && offered.add(e.dedupeKey())) {
                next.add(e);
            }
        }
        return next;
    }

    /** An offered entry's attempts ended (delivered, skipped or dead): it may be offered again if it still waits. */
    public void settled(PendingEntry entry) {
        offered.remove(entry.dedupeKey());
    }

    @Override
    public Envelope read(PendingEntry entry) throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT envelope FROM entries" + KEY
                    + " AND state = 'waiting'")) {
                bind(q, entry);
                try (ResultSet r = q.executeQuery()) {
                    return r.next() ? Json.MAPPER.readValue(r.getString(1), Envelope.class) : null;
                }
            }
        });
    }

    @Override
    public Delivering delivering(PendingEntry entry) throws IOException {
        Connection c = null;
        try {
            c = connection();
            c.setAutoCommit(false);
            Envelope message = null;
            try (PreparedStatement q = c.prepareStatement("SELECT envelope FROM entries" + KEY
                    + " AND state = 'waiting' FOR UPDATE SKIP LOCKED")) {
                bind(q, entry);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        message = Json.MAPPER.readValue(r.getString(1), Envelope.class);
                    }
                }
            }
            if (message == null) {
                // delivered, held, dead or deleted meanwhile, or another router's attempt holds it
                c.rollback();
                c.close();
                settled(entry);
                return new Claim(entry, null, null);
            }
            return new Claim(entry, message, c);
        } catch (SQLException e) {
            closeQuietly(c);
            settled(entry);
            throw failed(e);
        } catch (Unavailable paused) {
            settled(entry);
            throw paused;
        }
    }

    /** A claimed row: its lock is the claim, held by the open transaction until done or closed. */
    private final class Claim implements Delivering {

        private final PendingEntry entry;
        private final Envelope message;
        private Connection connection;

        Claim(PendingEntry entry, Envelope message, Connection connection) {
            this.entry = entry;
            this.message = message;
            this.connection = connection;
        }

        @Override
        public Envelope message() {
            return message;
        }

        @Override
        public Path done(Path jobFolder, DeliveryLedger.Written record) throws IOException {
            Path job = null;
            if (jobFolder != null) {
                // the job is written before the row says delivered: a crash between leaves the job, and the next
                // attempt (the inbox copy found) writes the same job again under the same name
                job = jobFolder.resolve(entry.file().getFileName());
                DurableFiles.writeDurably(job, Json.MAPPER.writeValueAsBytes(message));
            }
            // the record goes with the row: the other hosts' routers copy it, so track and the console see it there
            String recordText = record == null ? null : new String(record.json(), StandardCharsets.UTF_8);
            try (PreparedStatement u = connection.prepareStatement("UPDATE entries SET state = 'delivered', "
                    + "delivered_at = now(), delivered_by = ?, attempts = attempts + 1, record = ?, "
                    + "change = nextval('shared_changes')" + KEY)) {
                u.setString(1, host);
                u.setString(2, recordText);
                u.setString(3, entry.recipient());
                u.setString(4, entry.id());
                u.setLong(5, entry.seq());
                u.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                throw failed(e);
            } finally {
                // delivered, or still waiting in the database (its next attempt finds the inbox copy): offered anew
                close();
                settled(entry);
            }
            return job;
        }

        @Override
        public void close() {
            if (connection != null) {
                closeQuietly(connection);
                connection = null;
            }
        }
    }

    @Override
    public void delivered(PendingEntry entry, Envelope message, Path inboxFile, String inboxRelative, int attempts,
                          Instant at) throws IOException {
        inTransaction(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE entries SET state = 'delivered', delivered_at = ?, "
                    + "delivered_by = ?, inbox = ?, attempts = ? WHERE recipient = ? AND id = ? AND seq = ? "
                    + "AND state <> 'deleted'")) {
                u.setTimestamp(1, Timestamp.from(at));
                u.setString(2, host);
                u.setString(3, inboxRelative);
                u.setInt(4, attempts);
                u.setString(5, entry.recipient());
                u.setString(6, entry.id());
                u.setLong(7, entry.seq());
                return u.executeUpdate();
            }
        });
        settled(entry);
    }

    @Override
    public boolean isDelivered(PendingEntry entry) throws IOException {
        return stateOf(entry.recipient(), entry.id()).equals("delivered");
    }

    @Override
    public void deadLetter(PendingEntry entry, Rejection reason, int attempts) throws IOException {
        int moved = update("UPDATE entries SET state = 'dead', reason_code = ?, reason_detail = ?, attempts = ?, "
                + "failed_at = now()" + KEY + " AND state = 'waiting'", reason.code().code(), reason.detail(),
                attempts, entry.recipient(), entry.id(), entry.seq());
        settled(entry);
        if (moved == 0) {
            throw new NoSuchFileException(entry.file().toString(), null, "no longer waiting");
        }
    }

    @Override
    public List<PendingEntry> held() throws IOException {
        return entries("state = 'held'", "urgent DESC, seq", Integer.MAX_VALUE);
    }

    @Override
    public List<PendingEntry> dead() throws IOException {
        return entries("state = 'dead'", "failed_at, seq", Integer.MAX_VALUE);
    }

    @Override
    public Outcome hold(PendingEntry waiting) throws IOException {
        return move(waiting, "waiting", "held");
    }

    @Override
    public Outcome release(PendingEntry held) throws IOException {
        return move(held, "held", "waiting");
    }

    private Outcome move(PendingEntry entry, String from, String to) throws IOException {
        if (update("UPDATE entries SET state = '" + to + "'" + KEY + " AND state = '" + from + "'", entry.recipient(),
                entry.id(), entry.seq()) == 1) {
            return Outcome.MOVED;
        }
        return stateOf(entry.recipient(), entry.id()).equals("delivered") ? Outcome.ALREADY_DELIVERED : Outcome.GONE;
    }

    @Override
    public Outcome requeue(PendingEntry dead) throws IOException {
        return inTransaction(c -> {
            Envelope message;
            Map<String, Object> trip = new LinkedHashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT envelope, reason_code, reason_detail, attempts, "
                    + "failed_at FROM entries" + KEY + " AND state = 'dead' FOR UPDATE")) {
                bind(q, dead);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        // handed back already (a later acceptance time), or no longer there
                        String now = stateOf(c, dead.recipient(), dead.id());
                        return now.equals("gone") || now.equals("deleted") ? Outcome.GONE
                                : Outcome.ALREADY_HANDED_BACK;
                    }
                    message = Json.MAPPER.readValue(r.getString(1), Envelope.class);
                    trip.put("code", r.getString(2) == null ? "unknown" : r.getString(2));
                    trip.put("detail", r.getString(3) == null ? "" : r.getString(3));
                    trip.put("attempts", r.getInt(4));
                    Timestamp failedAt = r.getTimestamp(5);
                    trip.put("failed_at", failedAt == null ? "" : failedAt.toInstant().toString());
                    trip.put("requeued_at", Instant.now().toString());
                }
            }
            clock.seed(dead.seq());
            long seq = clock.next();
            Envelope again = message.withHistory(trip).withSeq(seq);
            try (PreparedStatement u = c.prepareStatement("UPDATE entries SET state = 'waiting', seq = ?, envelope = ?, "
                    + "accepted_at = ?, attempts = 0, reason_code = NULL, reason_detail = NULL, failed_at = NULL"
                    + KEY)) {
                u.setLong(1, seq);
                u.setString(2, Json.MAPPER.writeValueAsString(again));
                u.setTimestamp(3, Timestamp.from(AcceptanceClock.toInstant(seq)));
                u.setString(4, dead.recipient());
                u.setString(5, dead.id());
                u.setLong(6, dead.seq());
                u.executeUpdate();
            }
            return Outcome.MOVED;
        });
    }

    @Override
    public boolean delete(PendingEntry entry) throws IOException {
        // the row stays, as 'deleted': its key still deduplicates
        return update("UPDATE entries SET state = 'deleted'" + KEY + " AND state IN ('waiting', 'held', 'dead')",
                entry.recipient(), entry.id(), entry.seq()) == 1;
    }

    @Override
    public int expire(Duration maxAge, Instant now) throws IOException {
        Instant before = now.minus(maxAge);
        return update("UPDATE entries SET state = 'dead', reason_code = ?, reason_detail = 'waited longer than "
                + Durations.human(maxAge) + " for delivery (accepted ' || accepted_at || ')', failed_at = now() "
                + "WHERE state = 'waiting' AND accepted_at < ?", ReasonCode.EXPIRED.code(), Timestamp.from(before));
    }

    @Override
    public int forgetDelivered(Instant before) throws IOException {
        // the receipts' shared copies go with them (each home keeps its own files until its audit retention)
        update("DELETE FROM receipts WHERE updated_at < ?", Timestamp.from(before));
        return update("DELETE FROM entries WHERE state IN ('delivered', 'deleted') "
                + "AND coalesce(delivered_at, accepted_at) < ?", Timestamp.from(before));
    }

    /** The first {@code limit} entries in a state ({@code waiting}, {@code held}, {@code dead}), in delivery order. */
    public List<PendingEntry> first(String state, int limit) throws IOException {
        return entries("state = ?", "urgent DESC, seq", limit, state);
    }

    /** The newest {@code limit} dead entries' rows, each with its entry: the console's view of the dead letter. */
    public Map<PendingEntry, Row> dead(int limit) throws IOException {
        return inTransaction(c -> {
            Map<PendingEntry, Row> dead = new LinkedHashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT recipient, id, seq, urgent, accepted_at, "
                    + "reason_code, reason_detail, failed_at FROM entries WHERE state = 'dead' "
                    + "ORDER BY failed_at DESC LIMIT " + Math.max(0, limit))) {
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        dead.put(entry(r.getString(1), r.getString(2), r.getLong(3), r.getBoolean(4)),
                                new Row(r.getString(1), "dead", instant(r.getTimestamp(5)), null, r.getString(6),
                                        r.getString(7), instant(r.getTimestamp(8))));
                    }
                }
            }
            return dead;
        });
    }

    /** One recipient's row of a message, as {@code track} shows it from any host. */
    public record Row(String recipient, String state, String acceptedAt, String deliveredAt, String reasonCode,
                      String reasonDetail, String failedAt) {
    }

    /** Every recipient's row of a message id, in acceptance order. */
    public List<Row> rowsOf(String id) throws IOException {
        return inTransaction(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT recipient, state, accepted_at, delivered_at, "
                    + "reason_code, reason_detail, failed_at FROM entries WHERE id = ? ORDER BY seq")) {
                q.setString(1, id);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(r.getString(1), r.getString(2), instant(r.getTimestamp(3)),
                                instant(r.getTimestamp(4)), r.getString(5), r.getString(6), instant(r.getTimestamp(7))));
                    }
                }
            }
            return rows;
        });
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    /** Null while the database answers; else why it did not, the last time it was asked. */
    public String down() {
        return down;
    }

    /** Whether the database may be asked now: not within the pause after a failure. */
    public boolean due() {
        return backoff.due(System.currentTimeMillis());
    }

    /** How many entries are in each state, for every host: {@code waiting}, {@code held}, … */
    public Map<String, Long> counts() throws IOException {
        return inTransaction(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT state, count(*) FROM entries GROUP BY state "
                    + "ORDER BY state"); ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            return counts;
        });
    }

    private String stateOf(String recipient, String id) throws IOException {
        return inTransaction(c -> stateOf(c, recipient, id));
    }

    private static String stateOf(Connection c, String recipient, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT state FROM entries WHERE recipient = ? AND id = ?")) {
            q.setString(1, recipient);
            q.setString(2, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : "gone";
            }
        }
    }

    private List<PendingEntry> entries(String where, String order, int limit, Object... args) throws IOException {
        return inTransaction(c -> {
            List<PendingEntry> list = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM entries WHERE " + where
                    + " ORDER BY " + order + " LIMIT " + Math.max(0, limit))) {
                for (int i = 0; i < args.length; i++) {
                    q.setObject(i + 1, args[i]);
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        list.add(entry(r.getString(1), r.getString(2), r.getLong(3), r.getBoolean(4)));
                    }
                }
            }
            return list;
        });
    }

    private int update(String sql, Object... args) throws IOException {
        return inTransaction(c -> {
            try (PreparedStatement u = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    u.setObject(i + 1, args[i]);
                }
                return u.executeUpdate();
            }
        });
    }

    private static PendingEntry entry(String recipient, String id, long seq, boolean urgent) {
        Priority priority = urgent ? Priority.URGENT : Priority.REGULAR;
        return new PendingEntry(Path.of(PendingEntry.fileName(seq, priority, recipient, id)), seq, priority,
                recipient, id);
    }

    private static void bind(PreparedStatement q, PendingEntry entry) throws SQLException {
        q.setString(1, entry.recipient());
        q.setString(2, entry.id());
        q.setLong(3, entry.seq());
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    /** A connection, unless the pause after a failure is not over: callers then fail at once, without waiting. */
    private Connection connection() throws SQLException, Unavailable {
        if (!due()) {
            throw new Unavailable("the shared database is unavailable (" + down + "); asked again shortly");
        }
        return db.getConnection();
    }

    /** A failure of the database: the first in a while starts (or lengthens) the pause, concurrent ones join it. */
    private synchronized Unavailable failed(SQLException e) {
        Unavailable error = new Unavailable(e);
        long now = System.currentTimeMillis();
        if (backoff.due(now)) {
            long pause = backoff.failed(now);
            if (down == null) {
                LOG.warn("shared store unreachable ({}); asked again in {} ms", error.getMessage(), pause);
            }
            down = error.getMessage();
        }
        return error;
    }

    private synchronized void succeeded() {
        if (down != null) {
            LOG.info("shared store reachable again: deliveries go on");
            down = null;
        }
        backoff.succeeded();
    }

    private <T> T inTransaction(Work<T> work) throws IOException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                if (down != null) {
                    succeeded();
                }
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone: its transaction with it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // as above
            }
        }
    }
}
