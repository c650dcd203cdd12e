package org.agentcellphone.cli;

import java.util.List;
import org.agentcellphone.agents.Contracts;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "Every task, available, claimed and completed.")
final class TaskListCommand extends BaseCommand {

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        List<Contracts.Task> all = new Contracts(home()).all();
        if (output.json) {
            out().println(Json.MAPPER.writeValueAsString(all.stream().map(TaskOutput::row).toList()));
            return ExitCode.OK;
        }
        for (Contracts.Task t : all) {
            out().printf("%-32s %-9s %-8s %5d  %-10s %s%n", t.id(), t.state(), t.json().path("priority").asText(),
                    t.json().path("points").asInt(), t.json().path("assigned_to").asText("-").replace("null", "-"),
                    t.json().path("title").asText());
        }
        return ExitCode.OK;
    }
}
