package org.agentcellphone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.agentcellphone.files.Home;
import org.agentcellphone.config.Settings;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Contracts;
import org.agentcellphone.agents.Coordinates;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.agents.RosterFile;
import org.agentcellphone.agents.StatusReport;
import org.agentcellphone.agents.Templates;
import org.agentcellphone.bench.Benchmark;
import org.agentcellphone.bench.Soak;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.model.MessageIds;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.router.RouterLock;
import org.agentcellphone.router.Router;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/cellphone}: the original system's flags (so its users' handbooks keep working) plus {@code run}.
 * Parses, checks combinations, and delegates.
 */
@Command(name = "cellphone", mixinStandardHelpOptions = true, version = "Agent Cellphone 1.0",
        description = "Message router for teams of AI coding agents.",
        footer = {"", "Exit codes: 0 ok, 1 delivery failed (--wait), 2 bad usage, 3 missing option, 4 mode mismatch,",
            "5 no task to claim, 7 lock or wait timeout, 8 queue full, 9 internal error, 130 interrupted."})
public final class Cellphone implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "run | bench | soak")
    String command;

    @Option(names = "--home", paramLabel = "DIR", description = "home folder (CELLPHONE_HOME wins when set)")
    Path home;

    @Option(names = "--start-queue-processor", description = "same as 'run'")
    boolean startQueueProcessor;

    @Option(names = "--process-queue", description = "run the router until outboxes and pending are empty, then exit")
    boolean processQueue;

    @Option(names = {"-a", "--agent"}, paramLabel = "AGENT") String agent;
    @Option(names = {"-m", "--message"}, paramLabel = "TEXT") String message;
    @Option(names = {"-s", "--sender"}, paramLabel = "NAME") String sender;
    @Option(names = {"-p", "--priority"}, paramLabel = "regular|urgent") String priority;
    @Option(names = "--urgent") boolean urgent;
    @Option(names = "--high-priority") boolean highPriority;
    @Option(names = {"-t", "--type"}, paramLabel = "TYPE") String type;
    @Option(names = "--tags", split = ",", paramLabel = "a,b") List<String> tags = new ArrayList<>();
    @Option(names = "--subject") String subject;
    @Option(names = "--reply-to", paramLabel = "ID") String replyTo;
    @Option(names = "--mode", paramLabel = "inbox|gui") String mode;
    @Option(names = "--id", paramLabel = "ID") String id;
    @Option(names = "--wait", arity = "0..1", fallbackValue = "60", paramLabel = "SECONDS",
            description = "block until delivered (0) or failed (1); 7 on timeout (default 60 s)")
    Integer waitSeconds;
    @Option(names = "--bulk", description = "send to every active agent, captain last") boolean bulk;
    @Option(names = "--queue-stats") boolean queueStats;
    @Option(names = "--add-task", description = "add a task (--title, --description, --priority LOW|MEDIUM|HIGH|CRITICAL, --points)")
    boolean addTask;
    @Option(names = "--title") String title;
    @Option(names = "--description") String description;
    @Option(names = "--points", paramLabel = "N") int points;
    @Option(names = "--list-tasks") boolean listTasks;
    @Option(names = "--get-next-task", description = "claim the highest-priority, oldest available task (-a AGENT)")
    boolean getNextTask;
    @Option(names = "--task-status", paramLabel = "ID") String taskStatus;
    @Option(names = "--complete-task", paramLabel = "ID", description = "complete a task you claimed (-a AGENT)")
    String completeTask;
    @Option(names = "--onboarding", description = "onboard every active agent, captain last") boolean onboarding;
    @Option(names = "--onboard", description = "onboard one agent (-a AGENT)") boolean onboard;
    @Option(names = "--onboarding-style", paramLabel = "friendly|professional") String onboardingStyle = "friendly";
    @Option(names = "--wrapup", description = "wrap-up message to every active agent, captain last") boolean wrapup;
    @Option(names = "--history", description = "delivered messages, newest first (-a AGENT, --limit N)")
    boolean history;
    @Option(names = "--limit", paramLabel = "N") int limit = 20;
    @Option(names = "--check-status", description = "each agent's status.json, its age and unread inbox count")
    boolean checkStatus;
    @Option(names = "--list-agents", description = "the roster: roles, state, inbox folders") boolean listAgents;
    @Option(names = "--coordinates", description = "where GUI delivery types to each agent") boolean coordinates;
    @Option(names = "--hold", paramLabel = "ID", description = "set a pending message aside (id, unique prefix, or - for stdin)")
    String holdId;
    @Option(names = "--release", paramLabel = "ID", description = "hand a held message back for delivery")
    String releaseId;
    @Option(names = "--requeue", paramLabel = "ID|ALL", description = "hand dead letters back (attempts reset, reason kept)")
    String requeueId;
    @Option(names = "--delete", paramLabel = "ID", description = "remove a pending, held or dead message for good")
    String deleteId;
    @Option(names = "--reason", paramLabel = "TEXT", description = "why (--delete); written to the operations log")
    String reason;
    @Option(names = "--expire-now", description = "run retention once: expire old pending entries, drop old records")
    boolean expireNow;
    @Option(names = "--json") boolean json;
    @Option(names = "--messages", paramLabel = "N", description = "bench and soak: messages (default 10000)")
    int benchMessages = 10_000;
    @Option(names = "--kills", paramLabel = "K", description = "soak: kill -9 of the router (default 5)") int kills = 5;
    @Option(names = "--writers", paramLabel = "W", description = "soak: writer processes (default 8)") int writers = 8;
    @Option(names = "--per-writer", paramLabel = "N", description = "soak: messages per writer (default 1000)")
    int perWriter = 1000;

    @Override
    public Integer call() throws Exception {
        try {
            Home h = new Home(resolveHome());
            if ("run".equals(command) || startQueueProcessor) {
                return runRouter(h, false);
            }
            if (processQueue) {
                return runRouter(h, true);
            }
            if ("bench".equals(command)) {
                return bench();
            }
            if ("soak".equals(command)) {
                return soak();
            }
            if (command != null) {
                throw new CliException(ExitCode.USAGE, "unknown command '" + command + "' (try --help)");
            }
            if (queueStats) {
                return printQueueStats(h);
            }
            String[] operation = operation();
            if (operation != null) {
                return new QueueCommands(h, RosterFile.load(h.root()), out(), json).run(operation[0], operation[1], reason);
            }
            if (expireNow) {
                return new QueueCommands(h, RosterFile.load(h.root()), out(), json).expireNow();
            }
            if (addTask || listTasks || getNextTask || taskStatus != null || completeTask != null) {
                return tasks(h, RosterFile.load(h.root()));
            }
            if (onboarding || onboard || wrapup) {
                return templated(h, RosterFile.load(h.root()));
            }
            if (history) {
                return history(h, RosterFile.load(h.root()));
            }
            if (checkStatus) {
                return checkStatus(h, RosterFile.load(h.root()));
            }
            if (listAgents || coordinates) {
                return printRoster(h, RosterFile.load(h.root()));
            }
            if (agent != null || bulk || message != null) {
                return send(h);
            }
            spec.commandLine().usage(out());
            return ExitCode.USAGE;
        } catch (CliException e) {
            return fail(e.exitCode(), e.getMessage());
        } catch (RosterFile.Invalid e) {
            return fail(ExitCode.USAGE, "broken roster " + e.getMessage());
        }
    }

    /** The one queue operation asked for, as {action, ids}; null for none. */
    private String[] operation() {
        List<String[]> asked = new ArrayList<>();
        if (holdId != null) {
            asked.add(new String[] {"hold", holdId});
        }
        if (releaseId != null) {
            asked.add(new String[] {"release", releaseId});
        }
        if (requeueId != null) {
            asked.add(new String[] {"requeue", requeueId});
        }
        if (deleteId != null) {
            asked.add(new String[] {"delete", deleteId});
        }
        if (asked.size() > 1) {
            throw new CliException(ExitCode.USAGE, "give one of --hold, --release, --requeue, --delete at a time");
        }
        return asked.isEmpty() ? null : asked.get(0);
    }

    private Path resolveHome() {
        String env = System.getenv("CELLPHONE_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (home != null) {
            return home;
        }
        return Path.of(System.getProperty("cellphone.repo", "."));
    }

    private int runRouter(Home h, boolean untilDrained) throws Exception {
        Settings settings = Settings.load(h.root());
        Roster roster = RosterFile.load(h.root());
        h.ensureLayout(roster.ids());
        try (RouterLock lock = RouterLock.acquire(h)) {
            Router router = new Router(h, settings, roster);
            if (!untilDrained) {
                router.run();
                return ExitCode.OK;
            }
            router.start();
            try {
                while (!drained(h, roster)) {
                    Thread.sleep(100);
                }
            } finally {
                router.stop();
            }
            out().println("queue drained: " + QueueStats.read(h, roster).get("delivered") + " delivered record(s)");
            return ExitCode.OK;
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another router")) {
                throw new CliException(ExitCode.TIMEOUT, e.getMessage());
            }
            throw e;
        }
    }

    private int bench() throws Exception {
        if (benchMessages < 100) {
            throw new CliException(ExitCode.USAGE, "--messages must be at least 100");
        }
        Benchmark bench = new Benchmark(benchMessages, Files.createTempDirectory("cellphone-bench"));
        Map<String, Object> result = bench.run();
        if (json) {
            out().println(Json.compact(result));
        } else {
            out().printf("Agent Cellphone benchmark, %d messages, %s cores%n", benchMessages, result.get("cores"));
            out().printf("  durable-write baseline   %10s msgs/s  (write + fsync + rename + folder fsync)%n", result.get("baseline_msgs_per_s"));
            out().printf("  router throughput        %10s msgs/s  (drop to durable inbox file, warm router)%n", result.get("throughput_msgs_per_s"));
            out().printf("  ratio                    %10s%n", result.get("ratio"));
            out().printf("  urgent latency p50       %10s ms      (behind %d waiting regular entries)%n", result.get("urgent_p50_ms"), bench.backlogAtFirstUrgent());
            out().printf("  urgent latency p99       %10s ms%n", result.get("urgent_p99_ms"));
            out().printf("  CLI send (median)        %10s ms%n", result.get("cli_send_ms"));
            out().printf("  router peak RSS          %10s MB%n", result.get("router_peak_rss_mb"));
        }
        out().flush();
        return ExitCode.OK;
    }

    private int soak() throws Exception {
        Soak soak = new Soak(benchMessages, kills, writers, perWriter, Files.createTempDirectory("cellphone-soak"),
                System.nanoTime());
        List<Soak.Outcome> outcomes = soak.run();
        soak.log().forEach(line -> out().println("  " + line));
        boolean clean = true;
        for (Soak.Outcome o : outcomes) {
            out().printf("%-22s expected %6d  delivered %6d  lost %d  duplicated %d  dead-lettered %d %s%n", o.phase(),
                    o.expected(), o.delivered(), o.lost(), o.duplicated(), o.deadLettered(), o.detail());
            clean &= o.clean();
        }
        out().println(clean ? "soak: 0 lost, 0 duplicated" : "soak: FAILED");
        out().flush();
        return clean ? ExitCode.OK : ExitCode.DELIVERY_FAILED;
    }

    private static boolean drained(Home h, Roster roster) throws IOException {
        Map<String, Object> stats = QueueStats.read(h, roster);
        return ((Long) stats.get("outbox")) == 0 && ((Long) stats.get("pending")) == 0
                && ((Long) stats.get("gui_typing")) == 0;
    }

    private int printQueueStats(Home h) throws IOException {
        Map<String, Object> stats = QueueStats.read(h, RosterFile.load(h.root()));
        if (json) {
            out().println(Json.MAPPER.writeValueAsString(stats));
        } else {
            stats.forEach((key, value) -> {
                if (value instanceof Map<?, ?> buckets) {
                    out().println(key);
                    buckets.forEach((bucket, n) -> out().printf("  %-14s %s%n", bucket, n));
                } else {
                    out().printf("%-16s %s%n", key, value == null ? "-" : value);
                }
            });
        }
        out().flush();
        return ExitCode.OK;
    }

    private int printRoster(Home h, Roster roster) throws IOException {
        Coordinates where = Coordinates.load(h.root(), roster);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agent a : roster.agents()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("role", a.role());
            row.put("description", a.description());
            row.put("active", a.active());
            row.put("captain", roster.isCaptain(a.id()));
            row.put("inbox", h.relative(h.inbox(a.id())));
            row.put("chat_input", xy(where.chatInput(a.id())));
            row.put("onboarding_input", xy(where.onboardingInput(a.id())));
            row.put("coordinates_from", where.chatInput(a.id()) == null ? null : where.chatInput(a.id()).source());
            rows.add(row);
        }
        if (json) {
            out().println(Json.MAPPER.writeValueAsString(rows));
        } else {
            where.problems().forEach(problem -> out().println("warning: " + problem));
            for (Agent a : roster.agents()) {
                String state = (a.active() ? "active" : "inactive") + (roster.isCaptain(a.id()) ? ", captain" : "");
                if (coordinates) {
                    Coordinates.Point chat = where.chatInput(a.id());
                    Coordinates.Point onboard = where.onboardingInput(a.id());
                    out().printf("%-10s chat %-14s onboarding %-14s %s%n", a.id(), chat == null ? "-" : chat,
                            onboard == null ? "-" : onboard, chat == null ? "(no coordinates: GUI typing fails)"
                                    : "from " + chat.source());
                } else {
                    out().printf("%-10s %-45s %-17s %s%n", a.id(), a.role(), state, h.relative(h.inbox(a.id())));
                }
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    private int tasks(Home h, Roster roster) throws IOException {
        Contracts contracts = new Contracts(h);
        if ((getNextTask || completeTask != null) && agent == null) {
            throw new CliException(ExitCode.MISSING_OPTION, (getNextTask ? "--get-next-task" : "--complete-task")
                    + " needs -a/--agent AGENT");
        }
        String who = agent == null ? null : resolveAgent(roster, agent);
        if (addTask) {
            if (title == null || title.isBlank()) {
                throw new CliException(ExitCode.MISSING_OPTION, "--add-task needs --title TEXT");
            }
            Contracts.Priority p = priority == null ? Contracts.Priority.MEDIUM : Contracts.priority(priority);
            if (p == null) {
                throw new CliException(ExitCode.USAGE, "task priority must be LOW, MEDIUM, HIGH or CRITICAL, not '" + priority + "'");
            }
            if (points < 0) {
                throw new CliException(ExitCode.USAGE, "--points must be 0 or more");
            }
            printTask(contracts.add(title, description, p, points));
        } else if (getNextTask) {
            var claimed = contracts.claimNext(who);
            if (claimed.isEmpty()) {
                out().println("no tasks available");
                out().flush();
                return ExitCode.NO_TASKS;
            }
            printTask(claimed.get());
        } else if (taskStatus != null) {
            printTask(contracts.find(taskStatus).orElseThrow(() -> new CliException(ExitCode.USAGE, "no task " + taskStatus)));
        } else if (completeTask != null) {
            try {
                printTask(contracts.complete(completeTask, who));
            } catch (IllegalArgumentException refused) {
                throw new CliException(ExitCode.USAGE, refused.getMessage());
            }
        } else {
            List<Contracts.Task> all = contracts.all();
            if (json) {
                out().println(Json.MAPPER.writeValueAsString(all.stream().map(t -> taskRow(t)).toList()));
            } else {
                for (Contracts.Task t : all) {
                    out().printf("%-32s %-9s %-8s %5d  %-10s %s%n", t.id(), t.state(), t.json().path("priority").asText(),
                            t.json().path("points").asInt(), t.json().path("assigned_to").asText("-").replace("null", "-"),
                            t.json().path("title").asText());
                }
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    private static Map<String, Object> taskRow(Contracts.Task t) {
        Map<String, Object> row = Json.MAPPER.convertValue(t.json(), LinkedHashMap.class);
        row.put("state", t.state());
        return row;
    }

    private void printTask(Contracts.Task t) throws IOException {
        if (json) {
            out().println(Json.compact(taskRow(t)));
        } else {
            out().printf("%s  [%s]  %s  (%s, %d points)%n", t.id(), t.state(), t.json().path("title").asText(),
                    t.json().path("priority").asText(), t.json().path("points").asInt());
            if (!t.json().path("description").asText().isEmpty()) {
                out().println("  " + t.json().path("description").asText());
            }
            if (!t.json().path("assigned_to").isNull()) {
                out().println("  assigned to " + t.json().path("assigned_to").asText() + " at "
                        + t.json().path("assigned_at").asText());
            }
        }
    }

    private int checkStatus(Home h, Roster roster) throws IOException {
        java.time.Duration staleAfter = Settings.load(h.root()).duration("cellphone.status.stale-after");
        java.time.Instant now = java.time.Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agent a : roster.agents()) {
            // a workspace replaced by a link is not read through: its status counts as unreadable
            Path workspace = h.workspace(a.id());
            boolean inside;
            try {
                h.guard(workspace);
                inside = true;
            } catch (Home.OutsideHome refused) {
                inside = false;
            }
            rows.add(StatusReport.of(a.id(), inside ? workspace : null, staleAfter, now));
        }
        if (json) {
            out().println(Json.MAPPER.writeValueAsString(rows));
        } else {
            for (Map<String, Object> r : rows) {
                String file = (String) r.get("file");
                String age = r.get("age_seconds") == null ? "age unknown" : ageText((Long) r.get("age_seconds"));
                String flag = !"ok".equals(file) ? file.toUpperCase() : Boolean.TRUE.equals(r.get("stale")) ? "STALE" : "ok";
                out().printf("%-10s %-8s %-28s %-12s unread %-4s %s%n", r.get("agent"), flag,
                        clip((String) r.get("status"), 28), age, r.get("unread"), clip((String) r.get("mission"), 60));
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    /** Onboarding (urgent, type onboarding) and wrap-up (regular broadcast), one rendered message per agent. */
    private int templated(Home h, Roster roster) throws IOException {
        if (agent != null && (onboarding || wrapup)) {
            throw new CliException(ExitCode.USAGE, (onboarding ? "--onboarding" : "--wrapup")
                    + " goes to every agent; use --onboard -a AGENT for one");
        }
        if (onboard && agent == null) {
            throw new CliException(ExitCode.MISSING_OPTION, "--onboard needs -a/--agent AGENT");
        }
        if (!List.of("friendly", "professional").contains(onboardingStyle)) {
            throw new CliException(ExitCode.USAGE, "--onboarding-style must be friendly or professional");
        }
        QueueCommands.checkRoom(h, roster);
        boolean isWrapup = wrapup && !onboarding && !onboard;
        List<String> recipients = onboard ? List.of(resolveAgent(roster, agent)) : roster.broadcastOrder(null);
        String template = Templates.load(h.root(), isWrapup ? "wrapup" : "onboarding");
        Contracts contracts = new Contracts(h);
        List<Contracts.Task> tasks = contracts.all();
        long available = tasks.stream().filter(t -> t.state().equals("available")).count();
        String run = Sender.newId().substring(2);
        int n = 0;
        for (String id : recipients) {
            Agent a = roster.find(id).orElseThrow();
            List<String> mine = tasks.stream().filter(t -> t.state().equals("claimed")
                    && id.equals(t.json().path("assigned_to").asText())).map(t -> t.json().path("title").asText()).toList();
            String contractInfo = mine.isEmpty()
                    ? "no task claimed; " + available + " available (bin/cellphone --get-next-task -a " + id + ")"
                    : "claimed: " + String.join("; ", mine);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("agent_id", id);
            values.put("role", a.role());
            values.put("description", a.description());
            values.put("contract_info", contractInfo);
            values.put("custom_message", message);
            values.put("style", onboardingStyle);
            // ids (and so drop names) sort in sending order: the captain's, sent last, is read last
            String messageId = String.format("%s-%s-%02d-%s", isWrapup ? "wrapup" : "onboarding", run, ++n, id);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("from", roster.captain());
            fields.put("to", id);
            fields.put("priority", isWrapup ? "regular" : "urgent");
            fields.put("type", isWrapup ? "broadcast" : "onboarding");
            fields.put("tags", List.of("captain", isWrapup ? "wrapup" : "onboarding"));
            fields.put("subject", isWrapup ? "Wrap-up" : "Onboarding (" + onboardingStyle + ")");
            fields.put("content", Templates.render(template, values));
            Sender.drop(h, messageId, !isWrapup, fields);
            out().println(messageId);
        }
        out().flush();
        return ExitCode.OK;
    }

    /** Delivered messages from the delivery records, newest first: it survives restarts because they do. */
    private int history(Home h, Roster roster) throws IOException {
        if (limit < 1) {
            throw new CliException(ExitCode.USAGE, "--limit must be at least 1");
        }
        String who = agent == null ? null : resolveAgent(roster, agent);
        List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
        try (var files = Files.newDirectoryStream(h.delivered(), "*.json")) {
            for (Path file : files) {
                try {
                    com.fasterxml.jackson.databind.JsonNode r = Json.MAPPER.readTree(file.toFile());
                    if (who == null || who.equals(r.path("recipient").asText())) {
                        records.add(r);
                    }
                } catch (IOException unreadable) {
                    // a record being written right now, or damaged: not part of the history
                }
            }
        }
        records.sort(java.util.Comparator.comparing((com.fasterxml.jackson.databind.JsonNode r) -> r.path("delivered_at").asText())
                .reversed());
        List<com.fasterxml.jackson.databind.JsonNode> shown = records.subList(0, Math.min(limit, records.size()));
        if (json) {
            out().println(Json.MAPPER.writeValueAsString(shown));
        } else {
            for (com.fasterxml.jackson.databind.JsonNode r : shown) {
                out().printf("%s  %-8s %-7s from %-16s %s%s%n", r.path("delivered_at").asText(), r.path("recipient").asText(),
                        r.path("priority").asText(), clip(r.path("from").asText(), 16), r.path("id").asText(),
                        r.path("subject").isTextual() ? "  " + clip(r.path("subject").asText(), 50) : "");
            }
        }
        out().flush();
        return ExitCode.OK;
    }

    private static String ageText(long seconds) {
        if (seconds < 3600) {
            return (seconds / 60) + " min ago";
        }
        return seconds < 172_800 ? (seconds / 3600) + " h ago" : (seconds / 86_400) + " d ago";
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "-";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static int[] xy(Coordinates.Point p) {
        return p == null ? null : new int[] {p.x(), p.y()};
    }

    private int send(Home h) throws IOException, InterruptedException {
        Roster roster = RosterFile.load(h.root());
        if (bulk && agent != null) {
            throw new CliException(ExitCode.USAGE, "--agent and --bulk cannot be combined: --bulk sends to every agent");
        }
        if (!bulk && agent == null) {
            throw new CliException(ExitCode.MISSING_OPTION, "sending needs -a/--agent AGENT (or --bulk)");
        }
        if (message == null || message.isBlank()) {
            throw new CliException(ExitCode.MISSING_OPTION, "sending needs -m/--message TEXT");
        }
        List<String> recipients = bulk ? roster.broadcastOrder(null) : List.of(resolveAgent(roster, agent));
        Priority p = urgent || highPriority ? Priority.URGENT : Priority.REGULAR;
        if (priority != null) {
            Priority parsed = Priority.parseStrict(priority);
            if (parsed == null) {
                throw new CliException(ExitCode.USAGE, "--priority must be regular or urgent, not '" + priority + "'");
            }
            p = urgent || highPriority ? Priority.URGENT : parsed;
        }
        if (type != null && MessageType.parse(type) == null) {
            throw new CliException(ExitCode.USAGE, "--type '" + type + "' is not one of text, broadcast, onboarding, "
                    + "agent_to_agent, captain_to_agent, system_to_agent, human_to_agent");
        }
        if (mode != null && !List.of("inbox", "gui", "pyautogui").contains(mode.toLowerCase())) {
            throw new CliException(ExitCode.USAGE, "--mode must be inbox or gui, not '" + mode + "'");
        }
        if (id != null && !MessageIds.isValid(id)) {
            throw new CliException(ExitCode.USAGE, "--id must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (replyTo != null && !MessageIds.isValid(replyTo)) {
            throw new CliException(ExitCode.USAGE, "--reply-to must be a message id");
        }
        QueueCommands.checkRoom(h, roster);
        String messageId = id != null ? id : Sender.newId();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", sender);
        fields.put("to", recipients.size() == 1 ? recipients.get(0) : recipients);
        fields.put("priority", p.wire());
        fields.put("type", type != null ? MessageType.parse(type).wire() : bulk ? MessageType.BROADCAST.wire() : null);
        fields.put("tags", tags);
        fields.put("subject", subject);
        fields.put("in_reply_to", replyTo);
        fields.put("mode", mode);
        fields.put("content", message);
        Sender.drop(h, messageId, p == Priority.URGENT, fields);
        out().println(messageId);
        out().flush();
        return waitSeconds == null ? ExitCode.OK : awaitDelivery(h, messageId, recipients, waitSeconds);
    }

    private static String resolveAgent(Roster roster, String name) {
        if (name.equalsIgnoreCase("captain")) {
            return roster.captain();
        }
        return roster.find(name).map(a -> a.id()).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "unknown agent '" + name + "'; known agents: " + String.join(", ", roster.ids())));
    }

    /** Polls the delivered records and the dead letter until every recipient has an outcome. */
    private int awaitDelivery(Home h, String messageId, List<String> recipients, int seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            int delivered = 0;
            for (String recipient : recipients) {
                if (Files.exists(h.delivered().resolve(DeliveryLedger.recordName(messageId, recipient)))) {
                    delivered++;
                }
            }
            if (delivered == recipients.size()) {
                out().println("delivered to " + String.join(", ", recipients));
                return ExitCode.OK;
            }
            try (var failed = Files.newDirectoryStream(h.failed(), "*" + messageId + "*.reason.json")) {
                for (Path reason : failed) {
                    throw new CliException(ExitCode.DELIVERY_FAILED, "message " + messageId + " failed: "
                            + Json.MAPPER.readTree(reason.toFile()).path("detail").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCode.TIMEOUT, "message " + messageId + " not delivered within " + seconds
                        + " s (" + delivered + " of " + recipients.size() + " delivered; is the router running?)");
            }
            Thread.sleep(50);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", message);
            error.put("exit_code", code);
            try {
                err.println(Json.compact(error));
            } catch (IOException e) {
                err.println(message);
            }
        } else {
            err.println("cellphone: " + message);
        }
        err.flush();
        return code;
    }
}
