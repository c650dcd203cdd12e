package org.agentcellphone.cli;

import org.agentcellphone.agents.Roster;
import org.agentcellphone.router.Router;
import picocli.CommandLine.Command;

/** {@code cellphone run}: the router in the foreground. */
@Command(name = "run", description = "Start the router in the foreground; Ctrl-C stops it gracefully.")
final class RunCommand extends RouterVerb {

    @Override
    protected ExitCode with(Router router, Roster roster) throws Exception {
        router.run();
        return ExitCode.OK;
    }
}
