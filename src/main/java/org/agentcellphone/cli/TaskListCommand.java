package org.agentcellphone.cli;

import java.util.List;
import org.agentcellphone.agents.Task;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "Every task, available, claimed and completed.")
final class TaskListCommand extends BaseCommand {

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        List<Task> all = tasks().all();
        if (output.json) {
            out().println(Json.MAPPER.writeValueAsString(all));
            return ExitCode.OK;
        }
        for (Task t : all) {
            Task.Details d = t.details();
            out().printf("%-32s %-9s %-8s %5d  %-10s %s%n", t.id(), t.state(), d.priority(), d.points(),
                    d.assignedTo() == null ? "-" : d.assignedTo(), d.title());
        }
        return ExitCode.OK;
    }
}
