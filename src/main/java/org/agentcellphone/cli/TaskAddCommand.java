package org.agentcellphone.cli;

import org.agentcellphone.agents.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", description = "Add a task to the available ones.")
final class TaskAddCommand extends BaseCommand {

    @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is to be done.")
    String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "More about it.")
    String description;

    @Option(names = {"-p", "--priority"}, paramLabel = "LEVEL", defaultValue = "MEDIUM",
            description = "LOW, MEDIUM (default), HIGH or CRITICAL: higher ones are handed out first.")
    Task.Priority priority;

    @Option(names = "--points", paramLabel = "N", defaultValue = "0", description = "Its size in points (default 0).")
    int points;

    @Mixin
    TaskOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        if (title.isBlank()) {
            throw new CliException(ExitCode.MISSING_OPTION, "the task needs a title (--title TEXT)");
        }
        if (points < 0) {
            throw new CliException(ExitCode.USAGE, "--points must be 0 or more");
        }
        output.print(out(), tasks().add(title, description, priority, points));
        return ExitCode.OK;
    }
}
