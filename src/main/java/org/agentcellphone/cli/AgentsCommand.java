package org.agentcellphone.cli;

import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Roster;
import picocli.CommandLine.Command;

/** {@code cellphone agents}: the roster as the router sees it. */
@Command(name = "agents", description = "Show the roster: each agent's role, state and inbox folder.")
final class AgentsCommand extends RosterView {

    @Override
    String line(Agent a, Roster roster, Coordinates where) {
        String state = (a.active() ? "active" : "inactive") + (roster.isCaptain(a.id()) ? ", captain" : "");
        return String.format("%-10s %-45s %-17s %s", a.id(), a.role(), state, home().relative(home().inbox(a.id())));
    }
}
