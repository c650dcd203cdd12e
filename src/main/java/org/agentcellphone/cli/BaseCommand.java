package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.agents.RosterFile;
import org.agentcellphone.agents.TaskBoard;
import org.agentcellphone.config.Settings;
import org.agentcellphone.store.TaskBoards;
import org.agentcellphone.files.Home;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command has: the home it works on, its roster and settings, and where it prints. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", order = 100,
            description = "The home folder (default: the checkout bin/cellphone is in; CELLPHONE_HOME wins when set).")
    Path homeOption;

    private Home home;
    private Roster roster;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute().code();
        } finally {
            out().flush();
        }
    }

    /** The command's work; a refusal is a {@link CliException}. */
    protected abstract ExitCode execute() throws Exception;

    Home home() {
        if (home == null) {
            home = new Home(homeFolder());
        }
        return home;
    }

    private Path homeFolder() {
        String env = System.getenv("CELLPHONE_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (homeOption != null) {
            return homeOption;
        }
        return Path.of(System.getProperty("cellphone.repo", "."));
    }

    Roster roster() throws IOException {
        if (roster == null) {
            roster = RosterFile.load(home().root()).withHuman(settings().text("cellphone.console.sender"));
        }
        return roster;
    }

    Settings settings() throws IOException {
        return Settings.load(home().root());
    }

    /** The task board of the settings: the home's folders, or the shared database. */
    TaskBoard tasks() throws IOException {
        return TaskBoards.open(home(), settings());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** An agent named on the command line: its roster id (any case), or the captain for "captain". */
    String agentId(String name) throws IOException {
        Roster known = roster();
        return known.idOf(name).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "unknown agent '" + name + "'; known agents: " + String.join(", ", known.ids())));
    }
}
