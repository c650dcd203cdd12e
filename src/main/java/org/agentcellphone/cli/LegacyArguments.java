package org.agentcellphone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original system's flags ({@code -a A -m TEXT}, {@code --bulk}, {@code --queue-stats}, {@code --hold ID}, …)
 * rewritten into verbs, so its users' handbooks and scripts keep working. Arguments that already start with a verb
 * pass unchanged. The other options travel with the verb as they are.
 */
public final class LegacyArguments {

    /** A flag that names a verb: the verb's words, and whether the flag's value becomes the verb's argument. */
    private record Legacy(List<String> verb, boolean takesValue) {
    }

    private static final Map<String, Legacy> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--start-queue-processor", new Legacy(List.of("run"), false));
        FLAGS.put("--process-queue", new Legacy(List.of("drain"), false));
        FLAGS.put("--queue-stats", new Legacy(List.of("stats"), false));
        FLAGS.put("--hold", new Legacy(List.of("hold"), true));
        FLAGS.put("--release", new Legacy(List.of("release"), true));
        FLAGS.put("--requeue", new Legacy(List.of("requeue"), true));
        FLAGS.put("--delete", new Legacy(List.of("delete"), true));
        FLAGS.put("--expire-now", new Legacy(List.of("expire"), false));
        FLAGS.put("--add-task", new Legacy(List.of("task", "add"), false));
        FLAGS.put("--list-tasks", new Legacy(List.of("task", "list"), false));
        FLAGS.put("--get-next-task", new Legacy(List.of("task", "next"), false));
        FLAGS.put("--task-status", new Legacy(List.of("task", "status"), true));
        FLAGS.put("--complete-task", new Legacy(List.of("task", "complete"), true));
        FLAGS.put("--onboarding", new Legacy(List.of("onboard"), false));
        FLAGS.put("--onboard", new Legacy(List.of("onboard"), false));
        FLAGS.put("--wrapup", new Legacy(List.of("wrapup"), false));
        FLAGS.put("--history", new Legacy(List.of("history"), false));
        FLAGS.put("--check-status", new Legacy(List.of("status"), false));
        FLAGS.put("--list-agents", new Legacy(List.of("agents"), false));
        FLAGS.put("--coordinates", new Legacy(List.of("coordinates"), false));
        FLAGS.put("--bulk", new Legacy(List.of("broadcast"), false));
    }

    /** Options that take a value: their value is never mistaken for a flag or a verb. */
    private static final Set<String> WITH_VALUE = Set.of("-a", "--agent", "-m", "--message", "-s", "--sender", "-p",
            "--priority", "-t", "--type", "--tags", "--subject", "--reply-to", "--mode", "--id", "--title",
            "--description", "--points", "--onboarding-style", "--style", "--limit", "--reason", "--home",
            "--messages", "--kills", "--writers", "--per-writer");

    private LegacyArguments() {
    }

    /**
     * The arguments with the verb first. {@code verbs} are the verbs the command line knows; a refusal (two verbs,
     * a flag that does not go with its verb) is a {@link CliException}.
     */
    public static String[] rewrite(String[] args, Set<String> verbs) {
        if (args.length == 0 || isHelp(args[0])) {
            return args;
        }
        if (verbs.contains(args[0])) {
            refuseLegacyFlagsAfter(args);
            return args;
        }
        List<String> asked = new ArrayList<>();
        List<String> verb = null;
        List<String> rest = new ArrayList<>();
        String value = null;
        boolean agent = false;
        boolean message = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            Legacy legacy = FLAGS.get(name);
            if (legacy != null) {
                asked.add(name);
                verb = legacy.verb();
                if (legacy.takesValue()) {
                    if (!name.equals(arg)) {
                        value = arg.substring(name.length() + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new CliException(ExitCode.MISSING_OPTION, name + " needs a value");
                    }
                }
                continue;
            }
            agent |= name.equals("-a") || name.equals("--agent");
            message |= name.equals("-m") || name.equals("--message");
            if (!arg.startsWith("-") && verbs.contains(arg) && verb == null && asked.isEmpty()) {
                asked.add(arg);
                verb = List.of(arg);
                continue;
            }
            if (!arg.startsWith("-") && verbs.contains(arg)) {
                asked.add(arg);
                continue;
            }
            rest.add(arg);
            if (WITH_VALUE.contains(arg) && i + 1 < args.length) {
                rest.add(args[++i]);
            } else if (arg.equals("--wait") && i + 1 < args.length && args[i + 1].matches("\\d+")) {
                rest.add(args[++i]);
            }
        }
        if (asked.size() > 1) {
            throw new CliException(ExitCode.USAGE, "give one command at a time, not " + String.join(" and ", asked));
        }
        String flag = asked.isEmpty() ? null : asked.get(0);
        if (flag == null) {
            if (!agent && !message) {
                return args;
            }
            verb = List.of("send");
        }
        refuseMismatches(flag, agent);
        List<String> rewritten = new ArrayList<>(verb);
        if (value != null) {
            rewritten.add(value);
        }
        rewritten.addAll(rest);
        return rewritten.toArray(String[]::new);
    }

    /** A verb followed by one of the original flags that name another ({@code run --queue-stats}): which one? */
    private static void refuseLegacyFlagsAfter(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
            if (FLAGS.containsKey(name) && !(args[0].equals("onboard") && name.equals("--onboard"))) {
                throw new CliException(ExitCode.USAGE, "give one command at a time, not " + args[0] + " and " + name);
            }
            if (WITH_VALUE.contains(args[i])) {
                i++;
            }
        }
    }

    private static void refuseMismatches(String flag, boolean agent) {
        if (flag == null) {
            return;
        }
        if (flag.equals("--bulk") && agent) {
            throw new CliException(ExitCode.USAGE, "--agent and --bulk cannot be combined: --bulk sends to every agent");
        }
        if ((flag.equals("--onboarding") || flag.equals("--wrapup")) && agent) {
            throw new CliException(ExitCode.USAGE, flag + " goes to every agent; use --onboard -a AGENT for one");
        }
        if (flag.equals("--onboard") && !agent) {
            throw new CliException(ExitCode.MISSING_OPTION, "--onboard needs -a/--agent AGENT");
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }
}
