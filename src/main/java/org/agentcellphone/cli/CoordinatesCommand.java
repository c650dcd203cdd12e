package org.agentcellphone.cli;

import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Roster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellphone coordinates}: where GUI delivery types to each agent. */
@Command(name = "coordinates", description = {"Show where GUI delivery clicks for each agent.",
    "The chat and onboarding inputs, and the file each point comes from."})
final class CoordinatesCommand extends BaseCommand {

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        Roster roster = roster();
        Coordinates where = Coordinates.load(home().root(), roster);
        if (output.json) {
            output.print(out(), AgentsCommand.rows(this, roster, where));
            return ExitCode.OK;
        }
        where.problems().forEach(problem -> out().println("warning: " + problem));
        for (Agent a : roster.agents()) {
            Coordinates.Point chat = where.chatInput(a.id());
            Coordinates.Point onboard = where.onboardingInput(a.id());
            out().printf("%-10s chat %-14s onboarding %-14s %s%n", a.id(), chat == null ? "-" : chat,
                    onboard == null ? "-" : onboard, chat == null ? "(no coordinates: GUI typing fails)"
                            : "from " + chat.source());
        }
        return ExitCode.OK;
    }
}
