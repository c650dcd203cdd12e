package org.agentcellphone.cli;

import org.agentcellphone.agents.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "complete", description = "Complete a task the agent claimed.")
final class TaskCompleteCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The task's id.")
    String id;

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", description = "The agent that claimed it.")
    String agent;

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        Task done;
        try {
            done = tasks().complete(id, agentId(agent));
        } catch (IllegalArgumentException refused) {
            throw new CliException(ExitCode.USAGE, refused.getMessage());
        }
        output.print(out(), done);
        return ExitCode.OK;
    }
}
