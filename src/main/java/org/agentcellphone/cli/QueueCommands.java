package org.agentcellphone.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.files.Home;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.config.Settings;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.operations.Operations;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.operations.Retention;
import org.agentcellphone.router.RouterLock;

/** The operator's queue commands: hold, release, requeue, delete, expire now; and the capacity check of a send. */
final class QueueCommands {

    private final Home home;
    private final Roster roster;
    private final PrintWriter out;
    private final boolean json;

    QueueCommands(Home home, Roster roster, PrintWriter out, boolean json) {
        this.home = home;
        this.roster = roster;
        this.out = out;
        this.json = json;
    }

    /** Refuses a send (exit 8) while as many messages wait as the queue may hold. */
    static void checkRoom(Home home, Roster roster) throws IOException {
        long max = Settings.load(home.root()).number("cellphone.queue.max-size");
        long waiting = QueueStats.waiting(home, roster);
        if (waiting >= max) {
            throw new CliException(ExitCode.QUEUE_FULL, "queue full: " + waiting + " message(s) wait for delivery (max "
                    + max + "); nothing was sent, try again once the router has delivered some");
        }
    }

    int run(String action, String ids, String reason) throws IOException {
        home.ensureLayout(roster.ids());
        Operations operations = new Operations(home, roster);
        List<String> wanted = expand(ids);
        List<Operations.Done> done;
        try {
            done = switch (action) {
                case "hold" -> operations.hold(wanted);
                case "release" -> operations.release(wanted);
                case "requeue" -> operations.requeue(wanted);
                case "delete" -> operations.delete(wanted, reason == null ? "deleted by an operator" : reason);
                default -> throw new IllegalArgumentException(action);
            };
        } catch (Operations.Unmatched e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(done));
        } else {
            if (done.isEmpty()) {
                out.println(action + ": nothing to do");
            }
            for (Operations.Done d : done) {
                out.printf("%-8s %s%s  %s%s%n", d.action(), d.id(), d.recipient() == null ? "" : " for " + d.recipient(),
                        d.to() == null ? d.from() : d.from() + " -> " + d.to(), d.note() == null ? "" : "  (" + d.note() + ")");
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * One retention run now. The dedupe journal belongs to the router while one runs: then only the files are
     * handled here, and the router prunes its ids at its own next run.
     */
    int expireNow() throws IOException {
        home.ensureLayout(roster.ids());
        Settings settings = Settings.load(home.root());
        DeadLetter deadLetter = new DeadLetter(home, new AcceptanceClock(), Metrics.none());
        Retention.Report report;
        boolean routerRunning;
        // a null resource is allowed and not closed: no lock, a router runs and owns the journal
        try (RouterLock lock = lockUnlessRouterRuns()) {
            routerRunning = lock == null;
            DedupeJournal dedupe = routerRunning ? null : new DedupeJournal(home.state().resolve("dedupe.journal"),
                    settings.duration("cellphone.dedupe.window"));
            if (dedupe != null) {
                dedupe.start();
            }
            try {
                report = new Retention(new PendingStore(home), home.delivered(), deadLetter, dedupe,
                        settings.duration("cellphone.queue.max-age"), settings.duration("cellphone.audit.retention"))
                        .run();
            } finally {
                if (dedupe != null) {
                    dedupe.stop();
                }
            }
        }
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("expired", report.expired());
            row.put("records_removed", report.recordsRemoved());
            row.put("dedupe_pruned", routerRunning ? null : report.dedupePruned());
            out.println(Json.compact(row));
        } else {
            out.printf("expired %d pending entry(ies), removed %d delivery record(s), %s%n", report.expired(),
                    report.recordsRemoved(), routerRunning ? "dedupe ids left to the running router"
                            : "pruned " + report.dedupePruned() + " dedupe id(s)");
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The router lock, or null when a router holds it. */
    private RouterLock lockUnlessRouterRuns() throws IOException {
        try {
            return RouterLock.acquire(home);
        } catch (IllegalStateException routerRunning) {
            return null;
        }
    }

    /** {@code -} reads ids from standard input, one or more per line. */
    private static List<String> expand(String ids) throws IOException {
        if (!"-".equals(ids)) {
            return List.of(ids);
        }
        List<String> all = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            for (String id : line.trim().split("\\s+")) {
                if (!id.isEmpty()) {
                    all.add(id);
                }
            }
        }
        if (all.isEmpty()) {
            throw new CliException(ExitCode.MISSING_OPTION, "no ids on standard input");
        }
        return all;
    }
}
