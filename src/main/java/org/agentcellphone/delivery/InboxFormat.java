package org.agentcellphone.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Sanitize;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.MessageType;

/** How a delivered message looks in an inbox: its file name and its Markdown. */
public final class InboxFormat {

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Roster roster;

    public InboxFormat(Roster roster) {
        this.roster = roster;
    }

    /**
     * {@code 20261125T093421.123Z_urgent_Agent-4_<id>.md}: sorts by delivery time, shows priority and sender, ends
     * with the id (which recovery reads back).
     */
    public static String fileName(Envelope envelope, Instant deliveredAt) {
        return NAME_TIME.format(deliveredAt) + "_" + envelope.message().priority().wire() + "_"
                + Sanitize.forFileName(envelope.message().from(), 40) + "_" + envelope.id() + ".md";
    }

    /** The id at the end of an inbox file name written by {@link #fileName}, or null for other files. */
    public static String idOf(String fileName) {
        if (!fileName.endsWith(".md")) {
            return null;
        }
        String[] parts = fileName.substring(0, fileName.length() - 3).split("_", 4);
        return parts.length == 4 ? parts[3] : null;
    }

    /** The delivery time at the start of an inbox file name, or null. */
    public static Instant timeOf(String fileName) {
        try {
            return Instant.from(NAME_TIME.parse(fileName.substring(0, fileName.indexOf('_'))));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether an inbox file's text is the delivery of this entry: its header (up to the first {@code ---} line)
     * names the entry's message id and acceptance timestamp, as {@link #render} writes them.
     */
    public static boolean headerNames(String text, Envelope e) {
        int end = text.indexOf("\n---\n");
        String header = end < 0 ? text : text.substring(0, end + 1);
        return header.contains("\n**Message ID**: " + e.id() + "\n")
                && header.contains("\n**Timestamp**: " + e.timestamp() + "\n");
    }

    public ChannelTag tagOf(Envelope envelope) {
        return ChannelTag.of(envelope.message().from(), envelope.recipient(), envelope.message().type(), roster);
    }

    public String render(Envelope e) {
        ChannelTag tag = tagOf(e);
        StringBuilder md = new StringBuilder(e.message().content().length() + 400);
        md.append("# ").append(tag.label()).append(' ').append(heading(tag, e.message().type()))
                .append(" - ").append(e.message().type().wire().toUpperCase(Locale.ROOT)).append('\n');
        md.append("**From**: ").append(e.message().from()).append('\n');
        if (e.message().claimedFrom() != null) {
            md.append("**Claimed-From**: ").append(e.message().claimedFrom()).append('\n');
        }
        md.append("**To**: ").append(e.recipient()).append('\n');
        md.append("**Priority**: ").append(e.message().priority().wire());
        if (e.message().priorityLabel() != null && !e.message().priorityLabel().equalsIgnoreCase(e.message().priority().wire())) {
            md.append(" (").append(e.message().priorityLabel()).append(')');
        }
        md.append('\n');
        md.append("**Type**: ").append(e.message().type().wire()).append('\n');
        if (e.message().tags() != null && !e.message().tags().isEmpty()) {
            md.append("**Tags**: ").append(String.join(", ", e.message().tags())).append('\n');
        }
        if (e.message().subject() != null) {
            md.append("**Subject**: ").append(e.message().subject()).append('\n');
        }
        if (e.message().inReplyTo() != null) {
            md.append("**In-Reply-To**: ").append(e.message().inReplyTo()).append('\n');
        }
        md.append("**Message ID**: ").append(e.id()).append('\n');
        md.append("**Timestamp**: ").append(e.timestamp()).append('\n');
        md.append("---\n\n").append(e.message().content()).append("\n\n---\n*Delivered by Agent Cellphone*\n");
        return md.toString();
    }

    private static String heading(ChannelTag tag, MessageType type) {
        return switch (type) {
            case BROADCAST -> "BROADCAST";
            case ONBOARDING -> "ONBOARDING";
            default -> tag.heading();
        };
    }
}
