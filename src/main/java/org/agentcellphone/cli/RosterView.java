package org.agentcellphone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Point;
import org.agentcellphone.agents.Roster;
import picocli.CommandLine.Mixin;

/** The roster, one line per agent, or as JSON rows (the same for {@code agents} and {@code coordinates}). */
abstract class RosterView extends BaseCommand {

    @Mixin
    JsonOutput output;

    /** The text line of one agent. */
    abstract String line(Agent agent, Roster roster, Coordinates where);

    @Override
    protected ExitCode execute() throws Exception {
        Roster roster = roster();
        Coordinates where = Coordinates.load(home().root(), roster);
        if (output.json) {
            output.print(out(), rows(roster, where));
            return ExitCode.OK;
        }
        where.problems().forEach(problem -> out().println("warning: " + problem));
        for (Agent a : roster.agents()) {
            out().println(line(a, roster, where));
        }
        return ExitCode.OK;
    }

    private List<Map<String, Object>> rows(Roster roster, Coordinates where) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agent a : roster.agents()) {
            Point chat = where.chatInput(a.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("role", a.role());
            row.put("description", a.description());
            row.put("active", a.active());
            row.put("captain", roster.isCaptain(a.id()));
            row.put("inbox", home().relative(home().inbox(a.id())));
            row.put("chat_input", xy(chat));
            row.put("onboarding_input", xy(where.onboardingInput(a.id())));
            row.put("coordinates_from", chat == null ? null : chat.source());
            rows.add(row);
        }
        return rows;
    }

    private static int[] xy(Point p) {
        return p == null ? null : new int[] {p.x(), p.y()};
    }
}
