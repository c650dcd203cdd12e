package org.agentcellphone.cli;

import java.io.IOException;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.operations.QueueStats;

/** The queue's limit as a sender meets it: refused (exit 8) before anything is written. */
final class Capacity {

    private Capacity() {
    }

    static void checkRoom(Home home, Roster roster, Settings settings) throws IOException {
        long max = settings.number("cellphone.queue.max-size");
        long waiting = QueueStats.waiting(home, roster);
        if (waiting >= max) {
            throw new CliException(ExitCode.QUEUE_FULL, "queue full: " + waiting + " message(s) wait for delivery (max "
                    + max + "); nothing was sent, try again once the router has delivered some");
        }
    }
}
