package org.agentcellphone.cli;

import java.util.List;
import org.agentcellphone.agents.StatusReport;
import org.agentcellphone.operations.Statuses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellphone status}: what each agent says of itself in its status.json. */
@Command(name = "status", description = {"Show what each agent says of itself in its status.json.",
    "Its status, how old it is, its unread inbox count and mission. Odd, missing or linked files are",
    "reported, never a reason to stop."})
final class StatusCommand extends BaseCommand {

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        List<StatusReport.AgentStatus> rows = Statuses.of(home(), roster(),
                settings().duration("cellphone.status.stale-after"));
        if (output.json) {
            output.print(out(), rows);
            return ExitCode.OK;
        }
        for (StatusReport.AgentStatus r : rows) {
            String age = r.ageSeconds() == null ? "age unknown" : Text.age(r.ageSeconds());
            String flag = r.file() != StatusReport.FileState.OK ? r.file().name() : r.stale() ? "STALE" : "ok";
            out().printf("%-10s %-8s %-28s %-12s unread %-4s %s%n", r.agent(), flag, Text.clip(r.status(), 28), age,
                    r.unread(), Text.clip(r.mission(), 60));
        }
        return ExitCode.OK;
    }
}
