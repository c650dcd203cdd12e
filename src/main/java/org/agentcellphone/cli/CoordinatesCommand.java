package org.agentcellphone.cli;

import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Point;
import org.agentcellphone.agents.Roster;
import picocli.CommandLine.Command;

/** {@code cellphone coordinates}: where GUI delivery types to each agent. */
@Command(name = "coordinates", description = {"Show where GUI delivery clicks for each agent.",
    "The chat and onboarding inputs, and the file each point comes from."})
final class CoordinatesCommand extends RosterView {

    @Override
    String line(Agent a, Roster roster, Coordinates where) {
        Point chat = where.chatInput(a.id());
        Point onboard = where.onboardingInput(a.id());
        return String.format("%-10s chat %-14s onboarding %-14s %s", a.id(), chat == null ? "-" : chat,
                onboard == null ? "-" : onboard, chat == null ? "(no coordinates: GUI typing fails)"
                        : "from " + chat.source());
    }
}
