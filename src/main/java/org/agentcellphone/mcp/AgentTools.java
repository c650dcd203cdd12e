package org.agentcellphone.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.agents.RosterFile;
import org.agentcellphone.agents.StatusReport;
import org.agentcellphone.agents.StatusUpdate;
import org.agentcellphone.agents.Task;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.store.TaskBoards;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.MessageIds;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.operations.Reading;
import org.agentcellphone.operations.Sending;
import org.agentcellphone.operations.Statuses;
import org.agentcellphone.operations.Tracking;
import org.agentcellphone.store.OutboxWriter;

/**
 * The tools of one agent's MCP session (SPEC §12), each a thin call into what the command line uses: sending writes
 * the same drop, reading the same receipts, claims the same rename. The agent is fixed when the session starts:
 * nothing in the arguments can make a message come from anyone else. Camel-free and SDK-free; {@link AgentServer}
 * serves these over the protocol.
 */
public final class AgentTools {

    /** What a tool answers: a text for the model to read and the same as a JSON object for programs. */
    public record Result(String text, Map<String, Object> structured) {
    }

    /** What a tool does with its arguments. */
    @FunctionalInterface
    interface Call {
        Result call(Arguments arguments) throws IOException;
    }

    /** One tool: its name, what an agent is told of it, its input schema (JSON Schema text) and what it does. */
    public record Tool(String name, String title, String description, boolean readOnly, String inputSchema,
                       Call call) {
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** Messages check_inbox lists unless told otherwise: enough to act on, few enough for a model's context. */
    static final int INBOX_LIMIT = 20;

    private final Home home;
    private final String agent;
    private final Settings settings;

    /** {@code agent}: a roster id, checked by the caller; the sender of everything this session sends. */
    public AgentTools(Home home, String agent, Settings settings) {
        this.home = home;
        this.agent = agent;
        this.settings = settings;
    }

    public String agent() {
        return agent;
    }

    public List<Tool> tools() {
        return List.of(
                new Tool("send_message", "Send a message",
                        "Send a message from you (" + agent + ") to other agents. 'to' is an agent id, a list of "
                                + "ids, 'captain' or 'all' (every active agent but you). Returns the message id; "
                                + "message_status tells when it was delivered, read and acknowledged. Urgent goes "
                                + "ahead of every regular message: use it only for what cannot wait.",
                        false, Schemas.SEND_MESSAGE, this::sendMessage),
                new Tool("check_inbox", "Check your inbox",
                        "List the messages delivered to you (" + agent + "), urgent first, then oldest first: id, "
                                + "from, priority, subject or first line, state. Marks nothing read: call "
                                + "read_message for the full text. Unread ones only, unless include_read is true; "
                                + "at most 'limit' (default " + INBOX_LIMIT + "), 'count' tells how many there are.",
                        true, Schemas.CHECK_INBOX, this::checkInbox),
                new Tool("read_message", "Read a message",
                        "Return the full text of a message delivered to you and mark it read for you.",
                        false, Schemas.MESSAGE_ID, this::readMessage),
                new Tool("acknowledge", "Acknowledge a message",
                        "Acknowledge a message delivered to you (it counts as read too); with 'reply', also send "
                                + "that text to its sender as an answer to it. Do this when the sender asked for an "
                                + "acknowledgement (ack_required) or is waiting for your answer.",
                        false, Schemas.ACKNOWLEDGE, this::acknowledge),
                new Tool("message_status", "Where a message stands",
                        "For each recipient of a message: accepted, delivered, notified, read, acked or failed, "
                                + "with the time of each step and why delivery or waking failed.",
                        true, Schemas.MESSAGE_ID, this::messageStatus),
                new Tool("list_agents", "List the agents",
                        "The roster: each agent's id, role, whether it is active and the captain, its unread "
                                + "count and the status it last wrote.",
                        true, Schemas.NONE, this::listAgents),
                new Tool("claim_next_task", "Claim the next task",
                        "Claim the most pressing, oldest available task for you. Two agents asking at once never "
                                + "get the same task. Returns the task, or claimed false when none is available.",
                        false, Schemas.NONE, this::claimNextTask),
                new Tool("list_tasks", "List the tasks",
                        "Every task: available ones in hand-out order, then claimed, then completed; 'state' "
                                + "narrows the list.",
                        true, Schemas.LIST_TASKS, this::listTasks),
                new Tool("complete_task", "Complete a task",
                        "Mark a task you claimed as completed.",
                        false, Schemas.TASK_ID, this::completeTask),
                new Tool("add_task", "Add a task",
                        "Add a task for any agent to claim.",
                        false, Schemas.ADD_TASK, this::addTask),
                new Tool("update_status", "Update your status",
                        "Write your status.json (status, and optionally mission and a note), which the captain "
                                + "reads (bin/cellphone status). Other keys you keep in it stay as they are.",
                        false, Schemas.UPDATE_STATUS, this::updateStatus));
    }

    private Result sendMessage(Arguments args) throws IOException {
        Roster roster = roster();
        List<String> named = args.texts("to");
        List<String> recipients = recipients(roster, named);
        String content = args.text("content", "the message text (Markdown)");
        String priority = args.optionalText("priority");
        if (priority != null && !List.of("regular", "urgent").contains(priority.toLowerCase(Locale.ROOT))) {
            throw new ToolRefused("'priority' must be regular or urgent, not '" + priority + "'");
        }
        boolean urgent = "urgent".equalsIgnoreCase(priority);
        String replyTo = args.optionalText("reply_to");
        if (replyTo != null && !MessageIds.isValid(replyTo)) {
            throw new ToolRefused("'reply_to' must be a message id (1-128 letters, digits, '.', '_', '-')");
        }
        boolean all = named.stream().anyMatch(name -> name.strip().equalsIgnoreCase("all"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", agent);
        fields.put("to", recipients.size() == 1 ? recipients.get(0) : recipients);
        fields.put("priority", urgent ? "urgent" : "regular");
        fields.put("type", all ? MessageType.BROADCAST.wire() : null);
        fields.put("tags", args.texts("tags"));
        fields.put("subject", args.optionalText("subject"));
        fields.put("in_reply_to", replyTo);
        fields.put("ack_required", args.flag("ack_required") ? Boolean.TRUE : null);
        fields.put("content", content);
        String id = OutboxWriter.newId();
        try {
            new Sending(home, roster, settings).post(id, urgent, fields);
        } catch (Sending.QueueFull | Sending.TooLarge refused) {
            throw new ToolRefused(refused.getMessage());
        }
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("id", id);
        sent.put("from", agent);
        sent.put("to", recipients);
        sent.put("priority", urgent ? "urgent" : "regular");
        return json(sent);
    }

    /** Roster ids for the names given ('captain', 'all', ids in any case), each once, in the order named. */
    private List<String> recipients(Roster roster, List<String> names) {
        try {
            return new Sending(home, roster, settings).recipients(names, agent);
        } catch (Sending.BadRecipients bad) {
            throw new ToolRefused(bad.getMessage());
        }
    }

    private Result checkInbox(Arguments args) throws IOException {
        int limit = args.number("limit", 1, INBOX_LIMIT);
        List<Tracking.InboxItem> items = new Tracking(home).inbox(agent, args.flag("include_read"));
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Tracking.InboxItem item : items.subList(0, Math.min(limit, items.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", item.id());
            m.put("from", item.from());
            m.put("priority", item.priority());
            m.put("subject", item.subject());
            m.put("state", item.state().wire());
            m.put("delivered_at", item.deliveredAt());
            m.put("ack_required", item.ackRequired());
            if (item.inReplyTo() != null) {
                m.put("in_reply_to", item.inReplyTo());
            }
            messages.add(m);
        }
        Map<String, Object> inbox = new LinkedHashMap<>();
        inbox.put("agent", agent);
        inbox.put("count", items.size());
        inbox.put("shown", messages.size());
        inbox.put("messages", messages);
        return json(inbox);
    }

    private Result readMessage(Arguments args) throws IOException {
        String id = messageId(args);
        Reading.Received received;
        try {
            received = new Reading(home, roster(), settings).read(id, agent, "mcp");
        } catch (Reading.NotDelivered unknown) {
            throw new ToolRefused(unknown.getMessage());
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("from", received.from());
        message.put("text", received.text());
        return new Result(received.text(), message);
    }

    private Result acknowledge(Arguments args) throws IOException {
        String id = messageId(args);
        String reply = args.optionalText("reply");
        if (reply != null && reply.isBlank()) {
            throw new ToolRefused("'reply' is empty: leave it out to acknowledge without a reply");
        }
        Reading.Ack ack;
        try {
            ack = new Reading(home, roster(), settings).ack(id, agent, reply, "mcp");
        } catch (Reading.NotDelivered | Reading.NoOneToReplyTo | Sending.QueueFull | Sending.TooLarge refused) {
            throw new ToolRefused(refused.getMessage());
        }
        Map<String, Object> acked = new LinkedHashMap<>();
        acked.put("id", id);
        acked.put("acked", true);
        acked.put("already_acked", !ack.first());
        acked.put("reply_id", ack.replyId());
        acked.put("reply_to", ack.replyTo());
        return json(acked);
    }

    private Result messageStatus(Arguments args) throws IOException {
        String id = messageId(args);
        Roster roster = roster();
        List<Tracking.RecipientState> states = new Tracking(home, SharedDatabase.storeForCommands(settings,
                agent -> roster.find(agent).map(Agent::host).orElse(null))).track(id);
        if (states.isEmpty()) {
            throw new ToolRefused("no message " + id + " is waiting, delivered or failed (unknown id, not yet taken "
                    + "from its outbox by the router, or removed by retention)");
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", id);
        status.put("recipients", states);
        return json(status);
    }

    private Result listAgents(Arguments args) throws IOException {
        Roster roster = roster();
        List<StatusReport.AgentStatus> statuses = Statuses.of(home, roster,
                settings.duration("cellphone.status.stale-after"));
        Map<String, StatusReport.AgentStatus> byAgent = new LinkedHashMap<>();
        statuses.forEach(s -> byAgent.put(s.agent(), s));
        List<Map<String, Object>> agents = new ArrayList<>();
        for (Agent a : roster.agents()) {
            StatusReport.AgentStatus s = byAgent.get(a.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.id());
            row.put("role", a.role());
            row.put("active", a.active());
            row.put("captain", roster.isCaptain(a.id()));
            row.put("you", a.id().equals(agent));
            row.put("unread", s.unread());
            row.put("status", s.status());
            row.put("mission", s.mission());
            row.put("status_updated", s.lastUpdated());
            agents.add(row);
        }
        return json(Map.of("agents", agents));
    }

    private Result claimNextTask(Arguments args) throws IOException {
        Optional<Task> claimed = TaskBoards.open(home, settings).claimNext(agent);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("claimed", claimed.isPresent());
        result.put("task", claimed.map(AgentTools::object).orElse(null));
        if (claimed.isEmpty()) {
            result.put("message", "no tasks available");
        }
        return json(result);
    }

    private Result listTasks(Arguments args) throws IOException {
        String state = args.optionalText("state");
        if (state != null && !List.of("available", "claimed", "completed").contains(state)) {
            throw new ToolRefused("'state' must be available, claimed or completed, not '" + state + "'");
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (Task t : TaskBoards.open(home, settings).all()) {
            if (state == null || t.state().toString().equals(state)) {
                tasks.add(object(t));
            }
        }
        return json(Map.of("tasks", tasks));
    }

    private Result completeTask(Arguments args) throws IOException {
        String id = args.text("id", "the task's id (list_tasks shows it)");
        try {
            return json(object(TaskBoards.open(home, settings).complete(id, agent)));
        } catch (IllegalArgumentException refused) {
            throw new ToolRefused(refused.getMessage());
        }
    }

    private Result addTask(Arguments args) throws IOException {
        String title = args.text("title", "what is to be done");
        String priority = args.optionalText("priority");
        Task.Priority level;
        try {
            level = priority == null ? Task.Priority.MEDIUM : Task.Priority.valueOf(priority.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ToolRefused("'priority' must be low, medium, high or critical, not '" + priority + "'");
        }
        int points = args.number("points", 0, 0);
        return json(object(TaskBoards.open(home, settings).add(title, args.optionalText("description"), level, points)));
    }

    private Result updateStatus(Arguments args) throws IOException {
        String status = args.text("status", "your status, e.g. ACTIVE, BLOCKED, WAITING, IDLE");
        Path workspace = home.createFolders(home.workspace(agent));
        var written = StatusUpdate.write(workspace, agent, status, args.optionalText("mission"),
                args.optionalText("note"), Instant.now());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", home.relative(workspace.resolve("status.json")));
        result.put("status", Json.MAPPER.convertValue(written, OBJECT));
        return json(result);
    }

    private static String messageId(Arguments args) {
        String id = args.text("id", "the message id (check_inbox lists them)");
        if (!MessageIds.isValid(id)) {
            throw new ToolRefused("'" + id + "' is not a message id (1-128 letters, digits, '.', '_', '-')");
        }
        return id;
    }

    /** The roster as it is now: an edit made while the session runs counts at the next call. */
    private Roster roster() throws IOException {
        try {
            return RosterFile.load(home.root()).withHuman(settings.text("cellphone.console.sender"));
        } catch (RosterFile.Invalid invalid) {
            throw new ToolRefused("the roster cannot be read: " + invalid.getMessage());
        }
    }

    /** A result as the product writes JSON (snake_case keys), its text the same in one line. */
    private static Result json(Map<String, Object> value) throws IOException {
        Map<String, Object> structured = Json.MAPPER.convertValue(value, OBJECT);
        return new Result(Json.compact(structured), structured);
    }

    private static Map<String, Object> object(Task task) {
        return Json.MAPPER.convertValue(task, OBJECT);
    }
}
