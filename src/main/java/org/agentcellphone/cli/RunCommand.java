package org.agentcellphone.cli;

import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.router.Router;
import org.agentcellphone.router.RouterLock;
import picocli.CommandLine.Command;

/** {@code cellphone run}: the router in the foreground. */
@Command(name = "run", description = "Start the router in the foreground; Ctrl-C stops it gracefully.")
final class RunCommand extends BaseCommand {

    @Override
    protected ExitCode execute() throws Exception {
        Settings settings = settings();
        Roster roster = roster();
        home().ensureLayout(roster.ids());
        try (RouterLock lock = RouterLock.acquire(home())) {
            new Router(home(), settings, roster).run();
        }
        return ExitCode.OK;
    }
}
