package org.agentcellphone.cli;

import org.agentcellphone.agents.Roster;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.router.Router;
import picocli.CommandLine.Command;

/** {@code cellphone drain}: the router until nothing waits, then exit (a cron job's or a script's router). */
@Command(name = "drain", description = {"Run the router until the outboxes, pending and GUI or tmux typing are empty, then exit.",
    "Exits 1 when entries are left that this run could not finish (they stay pending for the next run)."})
final class DrainCommand extends RouterVerb {

    @Override
    protected ExitCode with(Router router, Roster roster) throws Exception {
        router.start();
        long stuck;
        try {
            while (true) {
                QueueStats.Snapshot now = QueueStats.read(home(), roster);
                stuck = router.stalled();
                if (now.outbox() == 0 && now.pending() - stuck <= 0 && now.guiTyping() == 0
                        && now.tmuxWaking() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
        } finally {
            router.stop();
        }
        out().println("queue drained: " + QueueStats.read(home(), roster).delivered() + " delivered record(s)");
        if (stuck > 0) {
            throw new CliException(ExitCode.DELIVERY_FAILED, stuck + " entry(ies) could not be finished in this "
                    + "run (see the log); they stay pending and are taken up by the next run");
        }
        return ExitCode.OK;
    }
}
