package org.agentcellphone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Roster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellphone agents}: the roster as the router sees it. */
@Command(name = "agents", description = "Show the roster: each agent's role, state and inbox folder.")
final class AgentsCommand extends BaseCommand {

    @Mixin
    JsonOutput output;

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
            String state = (a.active() ? "active" : "inactive") + (roster.isCaptain(a.id()) ? ", captain" : "");
            out().printf("%-10s %-45s %-17s %s%n", a.id(), a.role(), state, home().relative(home().inbox(a.id())));
        }
        return ExitCode.OK;
    }

    /** The JSON rows, shared with {@code coordinates --json}. */
    static List<Map<String, Object>> rows(BaseCommand command, Roster roster, Coordinates where) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agent a : roster.agents()) {
            Coordinates.Point chat = where.chatInput(a.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("role", a.role());
            row.put("description", a.description());
            row.put("active", a.active());
            row.put("captain", roster.isCaptain(a.id()));
            row.put("inbox", command.home().relative(command.home().inbox(a.id())));
            row.put("chat_input", xy(chat));
            row.put("onboarding_input", xy(where.onboardingInput(a.id())));
            row.put("coordinates_from", chat == null ? null : chat.source());
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> rows(Roster roster, Coordinates where) {
        return rows(this, roster, where);
    }

    private static int[] xy(Coordinates.Point p) {
        return p == null ? null : new int[] {p.x(), p.y()};
    }
}
