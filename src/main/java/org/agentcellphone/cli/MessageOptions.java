package org.agentcellphone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agentcellphone.operations.Tracking;
import org.agentcellphone.model.MessageIds;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import picocli.CommandLine.Option;

/** What a message carries besides its recipients: shared by {@code send} and {@code broadcast}. */
final class MessageOptions {

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT", order = 1,
            description = "The message (Markdown).")
    String message;

    @Option(names = {"-s", "--sender"}, paramLabel = "NAME", order = 2,
            description = "Who sends it (default: cellphone.default-sender).")
    String sender;

    @Option(names = {"-p", "--priority"}, paramLabel = "regular|urgent", order = 3,
            description = "regular (default) or urgent: urgent goes ahead of every regular message.")
    String priority;

    @Option(names = {"--urgent", "--high-priority"}, order = 4, description = "Same as --priority urgent.")
    boolean urgent;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", order = 5,
            description = "text, broadcast, onboarding, agent_to_agent, captain_to_agent, system_to_agent or human_to_agent.")
    String type;

    @Option(names = "--tags", split = ",", paramLabel = "a,b", order = 6, description = "Tags, comma separated.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "TEXT", order = 7, description = "A subject line.")
    String subject;

    @Option(names = "--reply-to", paramLabel = "ID", order = 8, description = "The id of the message this answers.")
    String replyTo;

    @Option(names = "--mode", paramLabel = "inbox|gui|tmux", order = 9,
            description = {"inbox: the inbox file only; gui: also typed into the agent's chat window; tmux: also",
                "typed into its tmux pane. Default: as the roster's 'wake' says for the agent."})
    String mode;

    @Option(names = "--ack-required", order = 10,
            description = "Ask each recipient to acknowledge it (ack ID); inbox marks it, stats counts those waiting.")
    boolean ackRequired;

    @Option(names = "--id", paramLabel = "ID", order = 11,
            description = "Your own message id (1-128 letters, digits, '.', '_', '-'); a resend with it is a duplicate.")
    String id;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "60", paramLabel = "SECONDS", order = 12,
            description = "Block until delivered (exit 0) or failed (exit 1); exit 7 after SECONDS (default 60).")
    Integer waitSeconds;

    @Option(names = "--wait-for", paramLabel = "STATE", order = 13,
            description = {"Block until every recipient reached STATE: delivered, notified, read or acked (exit 0);",
                "failed, or not woken when waiting for notified: exit 1; exit 7 after --wait SECONDS (default 60)."})
    String waitFor;

    /** The state to wait for, or null when the sender does not wait. */
    Tracking.State waitState() {
        if (waitFor == null) {
            return waitSeconds == null ? null : Tracking.State.DELIVERED;
        }
        return Tracking.State.parse(waitFor).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "--wait-for must be delivered, notified, read or acked, not '" + waitFor + "'"));
    }

    int waitLimit() {
        return waitSeconds == null ? 60 : waitSeconds;
    }

    /** The priority asked for: urgent if any option says so. */
    Priority priority() {
        if (priority == null) {
            return urgent ? Priority.URGENT : Priority.REGULAR;
        }
        Priority parsed = Priority.parseStrict(priority);
        if (parsed == null) {
            throw new CliException(ExitCode.USAGE, "--priority must be regular or urgent, not '" + priority + "'");
        }
        return urgent ? Priority.URGENT : parsed;
    }

    /** Checks every option and returns the JSON drop's fields (nulls are left out when written). */
    Map<String, Object> fields(Object to, MessageType defaultType) {
        if (message.isBlank()) {
            throw new CliException(ExitCode.MISSING_OPTION, "the message is empty (-m/--message TEXT)");
        }
        MessageType parsedType = type == null ? defaultType : MessageType.parse(type);
        if (parsedType == null && type != null) {
            throw new CliException(ExitCode.USAGE, "--type '" + type + "' is not one of text, broadcast, onboarding, "
                    + "agent_to_agent, captain_to_agent, system_to_agent, human_to_agent");
        }
        if (mode != null && !List.of("inbox", "gui", "pyautogui", "tmux").contains(mode.toLowerCase(Locale.ROOT))) {
            throw new CliException(ExitCode.USAGE, "--mode must be inbox, gui or tmux, not '" + mode + "'");
        }
        if (id != null && !MessageIds.isValid(id)) {
            throw new CliException(ExitCode.USAGE, "--id must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (replyTo != null && !MessageIds.isValid(replyTo)) {
            throw new CliException(ExitCode.USAGE, "--reply-to must be a message id");
        }
        if (waitSeconds != null && waitSeconds < 0) {
            throw new CliException(ExitCode.USAGE, "--wait must be 0 seconds or more");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", sender);
        fields.put("to", to);
        fields.put("priority", priority().wire());
        fields.put("type", parsedType == null ? null : parsedType.wire());
        fields.put("tags", tags);
        fields.put("subject", subject);
        fields.put("in_reply_to", replyTo);
        fields.put("mode", mode);
        fields.put("ack_required", ackRequired ? Boolean.TRUE : null);
        fields.put("content", message);
        return fields;
    }
}
