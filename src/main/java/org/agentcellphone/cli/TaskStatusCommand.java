package org.agentcellphone.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Show one task: its state, who claimed it and when.")
final class TaskStatusCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The task's id.")
    String id;

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        output.print(out(), tasks().find(id)
                .orElseThrow(() -> new CliException(ExitCode.USAGE, "no task " + id)));
        return ExitCode.OK;
    }
}
