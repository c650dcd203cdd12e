package org.agentcellphone.cli;

import org.agentcellphone.agents.Roster;
import org.agentcellphone.router.Router;
import org.agentcellphone.router.RouterLock;

/** A verb that runs the router: the home laid out, the router lock held for as long as it runs. */
abstract class RouterVerb extends BaseCommand {

    /** Runs the router made for this home until the verb is done with it. */
    protected abstract ExitCode with(Router router, Roster roster) throws Exception;

    @Override
    protected final ExitCode execute() throws Exception {
        var settings = settings();
        Roster roster = roster();
        home().ensureLayout(roster.ids());
        try (RouterLock lock = RouterLock.acquire(home())) {
            return with(new Router(home(), settings, roster), roster);
        }
    }
}
