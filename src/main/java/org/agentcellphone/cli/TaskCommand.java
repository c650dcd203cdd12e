package org.agentcellphone.cli;

import picocli.CommandLine.Command;

/** {@code cellphone task …}: the contracts agents claim and complete. */
@Command(name = "task", description = "Add, list, claim, show and complete tasks (contracts).",
        subcommands = {TaskAddCommand.class, TaskListCommand.class, TaskNextCommand.class, TaskStatusCommand.class,
            TaskCompleteCommand.class})
final class TaskCommand extends BaseCommand {

    @Override
    protected ExitCode execute() {
        spec.commandLine().usage(out());
        return ExitCode.USAGE;
    }
}
