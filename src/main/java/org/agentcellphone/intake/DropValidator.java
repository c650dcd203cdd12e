package org.agentcellphone.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.model.Sanitize;
import org.agentcellphone.store.Drop;
import org.agentcellphone.model.MessageIds;

/**
 * Turns a drop into an accepted message or a rejection. JSON drops are held to the letter of the format;
 * Markdown drops are read the way agents really write them.
 */
public final class DropValidator {

    private static final int MAX_FROM = 64;
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_TAG = 64;
    private static final Pattern ALL = Pattern.compile("(?i)\\s*all(\\s+agents)?\\s*");
    /** Parts that try to reach outside the roster by path or hide characters: always unknown recipients. */
    private static final Pattern PATH_TRICK = Pattern.compile("\\.\\.|\\\\|\\p{Cntrl}");
    /** A part that addresses an agent-like name or a path ("Agent-9", "x/y") rather than describing one. */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("(?i)(?<![A-Za-z])agent[-_ ]?\\d+|^\\S*/\\S*$");

    private final Roster roster;
    private final String defaultSender;
    private final long maxBytes;

    public DropValidator(Roster roster, String defaultSender, long maxBytes) {
        this.roster = roster;
        this.defaultSender = defaultSender;
        this.maxBytes = maxBytes;
    }

    public IntakeDecision decide(Drop drop) {
        if (drop.bytes().length > maxBytes) {
            return IntakeDecision.ofRejected(drop, Rejection.of(ReasonCode.TOO_LARGE,
                    "the drop has " + drop.bytes().length + " bytes; the limit is " + maxBytes));
        }
        try {
            Draft draft = DropParser.parse(drop.fileName(), drop.bytes());
            return IntakeDecision.ofAccepted(drop, validate(draft, drop));
        } catch (DropParseException e) {
            return IntakeDecision.ofRejected(drop, e.rejection());
        }
    }

    AcceptedMessage validate(Draft draft, Drop drop) throws DropParseException {
        boolean md = draft.markdown();
        String content = draft.content();
        if (content == null || content.isBlank()) {
            throw reject(ReasonCode.MISSING_FIELD, "the message has no content");
        }
        if (hasControl(content, true)) {
            throw reject(ReasonCode.INVALID_FIELD, "the content holds control characters");
        }
        String id = draft.id();
        if (id != null && !MessageIds.isValid(id)) {
            throw reject(ReasonCode.INVALID_FIELD,
                    "id '" + Sanitize.forDetail(id) + "' must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (id == null) {
            id = drop.derivedId();
        }

        String claimed = draft.from();
        if (claimed != null) {
            if (hasControl(claimed, false)) {
                throw reject(ReasonCode.INVALID_FIELD, "'from' holds control characters");
            }
            if (claimed.length() > MAX_FROM) {
                if (!md) {
                    throw reject(ReasonCode.INVALID_FIELD, "'from' is longer than " + MAX_FROM + " characters");
                }
                claimed = claimed.substring(0, MAX_FROM).strip();
            }
        }
        // in an agent's own outbox the sender is that agent, whatever the file claims
        String from = drop.owner() != null ? drop.owner() : claimed != null && !claimed.isBlank() ? claimed : defaultSender;
        String claimedFrom = drop.owner() != null && claimed != null && !claimed.equalsIgnoreCase(drop.owner()) ? claimed : null;

        Priority priority;
        String priorityLabel = null;
        if (md) {
            priority = Priority.fromFreeText(draft.priority());
            priorityLabel = draft.priority();
        } else {
            priority = draft.priority() == null ? Priority.REGULAR : Priority.parseStrict(draft.priority());
            if (priority == null) {
                throw reject(ReasonCode.INVALID_FIELD, "priority '" + Sanitize.forDetail(draft.priority())
                        + "' is not regular, normal, urgent or high");
            }
        }

        MessageType type = draft.type() == null ? MessageType.TEXT : MessageType.parse(draft.type());
        if (type == null) {
            if (!md) {
                throw reject(ReasonCode.INVALID_FIELD, "type '" + Sanitize.forDetail(draft.type()) + "' is unknown");
            }
            type = MessageType.TEXT;
        }

        List<String> tags = new ArrayList<>();
        for (String tag : draft.tags()) {
            if (hasControl(tag, false) || tag.length() > MAX_TAG || tag.isBlank()) {
                if (!md) {
                    throw reject(ReasonCode.INVALID_FIELD, "tag '" + Sanitize.forDetail(tag)
                            + "' must be 1-" + MAX_TAG + " characters without control characters");
                }
                continue;
            }
            tags.add(tag.strip());
        }

        String subject = draft.subject();
        if (subject != null && (hasControl(subject, false) || subject.length() > MAX_SUBJECT)) {
            if (!md) {
                throw reject(ReasonCode.INVALID_FIELD, "'subject' must be at most " + MAX_SUBJECT
                        + " characters without control characters");
            }
            subject = Sanitize.forDetail(subject);
        }

        String inReplyTo = draft.inReplyTo();
        if (inReplyTo != null && !MessageIds.isValid(inReplyTo)) {
            if (!md) {
                throw reject(ReasonCode.INVALID_FIELD, "'in_reply_to' is not a valid message id");
            }
            inReplyTo = null;
        }

        // no mode: the recipient is woken its own way, chosen at delivery (roster 'wake', else the default mode)
        String mode = draft.mode() == null ? null : mode(draft.mode());
        if (mode == null && draft.mode() != null && !md) {
            throw reject(ReasonCode.INVALID_FIELD, "mode '" + Sanitize.forDetail(draft.mode())
                    + "' is not inbox, gui, pyautogui or tmux");
        }
        Boolean ackRequired = null;
        if (draft.ackRequired() != null) {
            switch (draft.ackRequired().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> ackRequired = Boolean.TRUE;
                case "false", "no" -> ackRequired = null;
                default -> {
                    if (!md) {
                        throw reject(ReasonCode.INVALID_FIELD, "'ack_required' must be true or false");
                    }
                }
            }
        }

        String sender = drop.owner() != null ? drop.owner() : roster.agentOf(from).orElse(null);
        Set<String> recipients = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        if (md) {
            resolveMarkdown(draft.recipients(), sender, recipients, unknown);
        } else {
            resolveJson(draft.recipients(), sender, recipients, unknown);
        }
        if (recipients.isEmpty() && unknown.isEmpty()) {
            throw reject(ReasonCode.MISSING_FIELD, draft.recipients().isEmpty()
                    ? "the message names no recipient ('to')"
                    : "the recipient line names no agent: '" + Sanitize.forDetail(String.join(", ", draft.recipients())) + "'");
        }
        if (recipients.isEmpty()) {
            throw reject(ReasonCode.UNKNOWN_RECIPIENT, "no roster agent among the recipients: "
                    + String.join(", ", unknown.stream().map(Sanitize::forDetail).toList())
                    + " (known: " + String.join(", ", roster.ids()) + ")");
        }
        return new AcceptedMessage(new Message(id, from, claimedFrom, priority, priorityLabel, type, List.copyOf(tags),
                subject, inReplyTo, mode, ackRequired, content), List.copyOf(recipients), List.copyOf(unknown));
    }

    private void resolveJson(List<String> items, String sender, Set<String> recipients, List<String> unknown) {
        for (String item : items) {
            String name = item.strip();
            if (name.equalsIgnoreCase("all")) {
                recipients.addAll(roster.broadcastOrder(sender));
            } else if (name.equalsIgnoreCase("captain")) {
                recipients.add(roster.captain());
            } else if (roster.find(name).isPresent() && !hasControl(item, false)) {
                recipients.add(roster.find(name).get().id());
            } else {
                unknown.add(item);
            }
        }
    }

    /**
     * Recipient parts carry descriptions ("Captain (Agent-4)", "Agent-2 - Architecture"): the roster ids a part
     * names are its recipients; "Captain" alone is the captain; "All Agents" is everyone. A part that tries to
     * address something unknown ("Agent-9", a path) is an unknown recipient; pure description is ignored.
     */
    private void resolveMarkdown(List<String> parts, String sender, Set<String> recipients, List<String> unknown) {
        for (String part : parts) {
            List<String> named = roster.idsNamedIn(part);
            if (PATH_TRICK.matcher(part).find()) {
                unknown.add(part);
            } else if (!named.isEmpty()) {
                recipients.addAll(named);
            } else if (ALL.matcher(part).matches()) {
                recipients.addAll(roster.broadcastOrder(sender));
            } else if (roster.mentionsCaptain(part)) {
                recipients.add(roster.captain());
            } else if (ADDRESS_LIKE.matcher(part).find()) {
                unknown.add(part);
            }
        }
    }

    /** The delivery mode a drop or setting names: inbox, or gui (pyautogui, the original system's word); else null. */
    public static String mode(String mode) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "inbox" -> "inbox";
            case "gui", "pyautogui" -> "gui";
            case "tmux" -> "tmux";
            default -> null;
        };
    }

    /** Control characters other than line ends and tabs (which content may hold). */
    private static boolean hasControl(String text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    private static DropParseException reject(ReasonCode code, String detail) {
        return new DropParseException(Rejection.of(code, detail));
    }
}
