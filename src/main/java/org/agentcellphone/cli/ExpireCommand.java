package org.agentcellphone.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.config.Settings;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.Json;
import org.agentcellphone.operations.Retention;
import org.agentcellphone.router.RouterLock;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.DedupeJournal;
import org.agentcellphone.store.FileStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cellphone expire}: one retention run now. The dedupe journal belongs to the router while one runs: then only
 * the files are handled here, and the router prunes its ids at its own next run.
 */
@Command(name = "expire", description = {"Run retention once now, as the router does on its schedule.",
    "Pending messages older than cellphone.queue.max-age move to the dead letter as expired (held ones",
    "stay); delivery records older than cellphone.audit.retention are removed."})
final class ExpireCommand extends BaseCommand {

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        home().ensureLayout(roster().ids());
        Settings settings = settings();
        DeadLetter deadLetter = new DeadLetter(home(), new AcceptanceClock(), Metrics.none());
        Retention.Report report;
        boolean routerRunning;
        // a null resource is allowed and not closed: no lock, a router runs and owns the journal
        try (RouterLock lock = lockUnlessRouterRuns()) {
            routerRunning = lock == null;
            DedupeJournal dedupe = routerRunning ? null : new DedupeJournal(home().state().resolve("dedupe.journal"),
                    settings.duration("cellphone.dedupe.window"));
            if (dedupe != null) {
                dedupe.start();
            }
            try {
                report = new Retention(new FileStore(home(), deadLetter, dedupe, new AcceptanceClock()), home(), dedupe,
                        settings.duration("cellphone.queue.max-age"), settings.duration("cellphone.audit.retention"))
                        .run();
            } finally {
                if (dedupe != null) {
                    dedupe.stop();
                }
            }
        }
        if (output.json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("expired", report.expired());
            row.put("records_removed", report.recordsRemoved());
            row.put("dedupe_pruned", routerRunning ? null : report.dedupePruned());
            out().println(Json.compact(row));
        } else {
            out().printf("expired %d pending entry(ies), removed %d delivery record(s), %s%n", report.expired(),
                    report.recordsRemoved(), routerRunning ? "dedupe ids left to the running router"
                            : "pruned " + report.dedupePruned() + " dedupe id(s)");
        }
        return ExitCode.OK;
    }

    /** The router lock, or null when a router holds it. */
    private RouterLock lockUnlessRouterRuns() throws IOException {
        try {
            return RouterLock.acquire(home());
        } catch (RouterLock.Taken routerRunning) {
            return null;
        }
    }
}
