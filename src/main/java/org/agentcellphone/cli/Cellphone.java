package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.agentcellphone.model.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/cellphone}: the verbs. No logic here; each verb is its own class. */
@Command(name = "cellphone", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "Agent Cellphone 1.0",
        description = {"Message router for teams of AI coding agents: drops in outboxes become durable inbox files,",
            "urgent first, each delivered once.", ""},
        synopsisSubcommandLabel = "<verb>")
public final class Cellphone implements Callable<Integer> {

    /** The verbs, by name. */
    private static final Map<String, Class<?>> VERBS = verbs();

    /** The verbs as the help lists them, under headings; a verb not named here is listed under "Other". */
    private static final Map<String, List<String>> GROUPS = groups();

    @Spec
    CommandSpec spec;

    /** No verb: the help, and exit 2, as a script that forgot its verb should not go on. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE.code();
    }

    /** The command line with every verb, its exit codes, error printing and help sections set up. */
    public static CommandLine commandLine(Object... extraVerbs) {
        return build(null, extraVerbs);
    }

    /**
     * What {@code bin/cellphone} runs: the original system's flags rewritten into verbs, and only the verb asked for
     * built (picocli reads every verb's options when it is added, which a one-shot send should not pay for).
     */
    public static int run(String[] args, Object... extraVerbs) {
        Set<String> names = new LinkedHashSet<>(VERBS.keySet());
        for (Object verb : extraVerbs) {
            names.add(nameOf(verb));
        }
        return execute(new CommandLine(new Cellphone()), names, args, rewritten -> build(
                rewritten.length > 0 && names.contains(rewritten[0]) ? rewritten[0] : null, extraVerbs));
    }

    /** The command line with the verb {@code only}, or with every verb when it is null. */
    private static CommandLine build(String only, Object... extraVerbs) {
        CommandLine cli = new CommandLine(new Cellphone());
        VERBS.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, type);
            }
        });
        for (Object verb : extraVerbs) {
            if (only == null || only.equals(nameOf(verb))) {
                cli.addSubcommand(nameOf(verb), verb);
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpLongOptionsMaxWidth(28);
        cli.setUsageHelpWidth(110);
        cli.setExitCodeExceptionMapper(new ExitCodes());
        cli.setParameterExceptionHandler((e, args) -> {
            report(e.getCommandLine(), args, ExitCodes.of(e), e.getMessage() + " (see: cellphone "
                    + verbPath(e.getCommandLine()) + "--help)");
            return ExitCodes.of(e).code();
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            report(command, parsed.originalArgs().toArray(String[]::new), ExitCodes.of(e), ExitCodes.message(e));
            return ExitCodes.of(e).code();
        });
        cli.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cellphone::verbList);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> exitCodes());
        footer(cli);
        return cli;
    }

    /** Runs the arguments, the original system's flags rewritten into verbs; returns the exit code. */
    public static int execute(CommandLine cli, String... args) {
        return execute(cli, cli.getSubcommands().keySet(), args, rewritten -> cli);
    }

    /** Rewrites the arguments (a refusal is reported by {@code reporter}), then runs them on the command line made. */
    private static int execute(CommandLine reporter, Set<String> verbs, String[] args,
                               Function<String[], CommandLine> commandLine) {
        String[] rewritten;
        try {
            rewritten = LegacyArguments.rewrite(args, verbs);
        } catch (CliException refused) {
            report(reporter, args, refused.exitCode(), refused.getMessage());
            return refused.exitCode().code();
        }
        return commandLine.apply(rewritten).execute(rewritten);
    }

    /** Every verb's help: options in the order they matter, a short footer. */
    private static void footer(CommandLine command) {
        for (CommandLine verb : command.getSubcommands().values()) {
            verb.getCommandSpec().usageMessage().sortOptions(false).parameterListHeading("%nArguments:%n")
                    .optionListHeading("%nOptions:%n")
                    .commandListHeading("%nVerbs:%n")
                    .footer("%nExit codes: 0 ok; the others are listed by cellphone --help.%n");
            footer(verb);
        }
    }

    /** One line on stderr, or one JSON object when the command was asked for JSON. */
    private static void report(CommandLine command, String[] args, ExitCode code, String message) {
        PrintWriter err = command.getErr();
        if (List.of(args).contains("--json")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", message);
            error.put("exit_code", code.code());
            try {
                err.println(Json.compact(error));
            } catch (IOException e) {
                err.println("cellphone: " + message);
            }
        } else {
            err.println("cellphone: " + message);
        }
        err.flush();
    }

    private static String verbPath(CommandLine command) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    private static String verbList(CommandLine.Help help) {
        Map<String, CommandLine.Help> verbs = new LinkedHashMap<>(help.subcommands());
        StringBuilder text = new StringBuilder("Verbs (cellphone <verb> --help tells more):\n");
        GROUPS.forEach((heading, names) -> {
            if (names.stream().anyMatch(verbs::containsKey)) {
                text.append('\n').append(heading).append('\n');
                names.stream().filter(verbs::containsKey).forEach(name -> line(text, name, verbs.remove(name)));
            }
        });
        if (!verbs.isEmpty()) {
            text.append("\nOther\n");
            verbs.forEach((name, verb) -> line(text, name, verb));
        }
        return text.append('\n').append("The original system's flags still work: -a A -m TEXT, --bulk, --queue-stats,\n")
                .append("--get-next-task, --onboarding, --process-queue, ... (see docs/cli.md).\n").toString();
    }

    private static void line(StringBuilder text, String name, CommandLine.Help verb) {
        String[] description = verb.commandSpec().usageMessage().description();
        text.append(String.format("  %-12s %s%n", name, description.length == 0 ? "" : description[0]));
    }

    private static String exitCodes() {
        StringBuilder text = new StringBuilder("\nExit codes:\n");
        for (ExitCode code : ExitCode.values()) {
            text.append(String.format("  %3d  %s%n", code.code(), code.meaning()));
        }
        return text.toString();
    }

    private static String nameOf(Object verb) {
        return verb.getClass().getAnnotation(Command.class).name();
    }

    private static Map<String, Class<?>> verbs() {
        Map<String, Class<?>> verbs = new LinkedHashMap<>();
        for (Class<?> type : List.of(RunCommand.class, DrainCommand.class, SendCommand.class, BroadcastCommand.class,
                OnboardCommand.class, WrapupCommand.class, StatsCommand.class, HistoryCommand.class,
                AgentsCommand.class, CoordinatesCommand.class, StatusCommand.class, InboxCommand.class,
                ReadCommand.class, AckCommand.class, McpCommand.class, TrackCommand.class, HoldCommand.class,
                ReleaseCommand.class, RequeueCommand.class, DeleteCommand.class, ExpireCommand.class,
                TaskCommand.class)) {
            verbs.put(type.getAnnotation(Command.class).name(), type);
        }
        return verbs;
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("The router", List.of("run", "drain"));
        groups.put("Sending", List.of("send", "broadcast", "onboard", "wrapup"));
        groups.put("Reading (for agents)", List.of("inbox", "read", "ack", "mcp"));
        groups.put("Looking", List.of("track", "stats", "history", "agents", "coordinates", "status"));
        groups.put("Operating the queue", List.of("hold", "release", "requeue", "delete", "expire"));
        groups.put("Tasks", List.of("task"));
        groups.put("Measuring (from a checkout)", List.of("bench", "soak"));
        return groups;
    }
}
