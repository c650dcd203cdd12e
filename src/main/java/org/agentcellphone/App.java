package org.agentcellphone;

import org.agentcellphone.cli.Cellphone;
import org.agentcellphone.cli.ExitCode;
import picocli.CommandLine;

/** Entry point of {@code bin/cellphone}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Cellphone());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("cellphone: " + e.getMessage() + " (try --help)");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("cellphone: internal error: " + e);
            return ExitCode.INTERNAL;
        });
        System.exit(cli.execute(args));
    }
}
