package org.agentcellphone.cli;

import java.util.Optional;
import org.agentcellphone.agents.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "next", description = {"Claim the most pressing, oldest available task for an agent.",
    "Exits 5 when there is none. Two agents asking at once never get the same task."})
final class TaskNextCommand extends BaseCommand {

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", description = "Who claims it.")
    String agent;

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        Optional<Task> claimed = tasks().claimNext(agentId(agent));
        if (claimed.isEmpty()) {
            out().println("no tasks available");
            return ExitCode.NO_TASKS;
        }
        output.print(out(), claimed.get());
        return ExitCode.OK;
    }
}
