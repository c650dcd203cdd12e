package org.agentcellphone.store;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agentcellphone.files.Backoff;
import org.agentcellphone.model.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between a host's own intake and the database its routers share. What intake accepts waits in the home's
 * {@code pending/} folder as a local spool (durable, deduplicated on this host); it is published to the shared store
 * (the same id from another host is the same row) and only then leaves the spool, so a crash at any point publishes
 * it again, harmlessly. The lanes of this host get the shared store's waiting entries for the agents that live here.
 * With the database down, drops are still accepted into the spool and nothing is delivered; the store waits longer
 * before each attempt to reach it again (1 s, doubling to a minute).
 */
public final class SharedRelay implements Relay {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    /** Intake publishes what it commits itself; the spool sweep takes what is older (what the database refused). */
    static final long SWEEP_AFTER_MICROS = 5_000_000L;

    private final DataSource db;
    private final PostgresStore shared;
    private final PendingStore spool;
    private final Backlog backlog;
    private final int batch;
    private final Backoff schemaBackoff = new Backoff();
    private volatile boolean migrated;
    private volatile String schemaFailure = "not reached yet";

    public SharedRelay(DataSource db, PostgresStore shared, PendingStore spool, Backlog backlog, int batch) {
        this.db = db;
        this.shared = shared;
        this.spool = spool;
        this.backlog = backlog;
        this.batch = batch;
    }

    /**
     * The entries intake has just made durable in the spool: published, then offered to this host's lanes with the
     * next waiting entries of its agents. Nothing is returned while the database is down: they wait in the spool.
     */
    @Override
    public List<PendingEntry> publish(List<PendingEntry> spooled) {
        if (spooled.isEmpty()) {
            return List.of();
        }
        return guarded("publish to", () -> {
            publishSpooled(spooled);
            return offer();
        });
    }

    /** Every poll: what waits in the spool is published, then the next waiting entries go to this host's lanes. */
    public List<PendingEntry> poll() {
        return guarded("poll", () -> {
            Instant now = Instant.now();
            long sweepBefore = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - SWEEP_AFTER_MICROS;
            List<PendingEntry> left = new ArrayList<>();
            for (PendingEntry e : spool.list()) {
                if (e.seq() < sweepBefore && left.size() < batch) {
                    left.add(e);
                }
            }
            publishSpooled(left);
            return offer();
        });
    }

    private interface Step {
        List<PendingEntry> run() throws IOException;
    }

    /**
     * A step that needs the database: none while it cannot be asked; a failure of the database is said by the store
     * (once per outage) and leaves everything in the spool and the database, as anything unexpected does.
     */
    private List<PendingEntry> guarded(String what, Step step) {
        if (!reachable()) {
            return List.of();
        }
        try {
            return step.run();
        } catch (IOException databaseAway) {
            return List.of();
        } catch (RuntimeException e) {
            LOG.error("could not {} the shared store ({}); tried again at the next poll", what, e.toString());
            return List.of();
        }
    }

    /** Null while the shared database answers; else why it does not. */
    public String down() {
        return migrated ? shared.down() : schemaFailure;
    }

    private void publishSpooled(List<PendingEntry> spooled) throws IOException {
        if (spooled.isEmpty()) {
            return;
        }
        List<Envelope> messages = new ArrayList<>();
        List<PendingEntry> read = new ArrayList<>();
        for (PendingEntry entry : spooled) {
            Envelope message = spool.read(entry);
            if (message != null) {
                messages.add(message);
                read.add(entry);
            }
        }
        int accepted = shared.accept(messages).size();
        for (PendingEntry entry : read) {
            // in the database now: the spool's copy goes (a crash before this publishes it again, as a duplicate)
            if (spool.remove(entry)) {
                backlog.removed(entry.priority());
            }
        }
        if (accepted < messages.size()) {
            LOG.info("{} entry(ies) already in the shared store (sent from another host too, or published before a "
                    + "restart): not accepted twice", messages.size() - accepted);
        }
    }

    private List<PendingEntry> offer() throws IOException {
        List<PendingEntry> next = shared.offer(batch);
        next.forEach(e -> backlog.added(e.priority()));
        return next;
    }

    /** Whether the database may be asked now; the schema is brought up to date first, once. */
    private synchronized boolean reachable() {
        if (migrated) {
            return shared.due();
        }
        if (!schemaBackoff.due(System.currentTimeMillis())) {
            return false;
        }
        try {
            int applied = SharedSchema.migrate(db);
            if (applied > 0) {
                LOG.info("shared store: {} schema migration(s) applied", applied);
            }
            migrated = true;
            schemaFailure = null;
            return true;
        } catch (SQLException | IOException | RuntimeException e) {
            long pause = schemaBackoff.failed(System.currentTimeMillis());
            if (schemaFailure == null) {
                LOG.warn("shared store unreachable at start ({}); drops wait in the spool; asked again in {} ms",
                        e.getMessage(), pause);
            }
            schemaFailure = String.valueOf(e.getMessage());
            return false;
        }
    }
}
