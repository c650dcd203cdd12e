package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.OutboxWriter;

/**
 * Sending as every sender does it (the command line, MCP sessions): the queue's limit and the message's size checked
 * first, then one drop written into the shared outbox (its urgent lane for urgent ones). No router needed.
 */
public final class Sending {

    /** The queue holds its maximum: nothing was written. */
    public static final class QueueFull extends IOException {
        public QueueFull(String message) {
            super(message);
        }
    }

    /** Larger than the router takes (it would dead-letter it as too-large): nothing was written. */
    public static final class TooLarge extends IOException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** The recipients named are not agents of the roster (or name no one). */
    public static final class BadRecipients extends IllegalArgumentException {
        public BadRecipients(String message) {
            super(message);
        }
    }

    private final Home home;
    private final Roster roster;
    private final long maxWaiting;
    private final long maxBytes;

    public Sending(Home home, Roster roster, Settings settings) {
        this.home = home;
        this.roster = roster;
        this.maxWaiting = settings.number("cellphone.queue.max-size");
        this.maxBytes = settings.number("cellphone.max-message-bytes");
    }

    /**
     * Roster ids for the names given ({@code captain}, {@code all}: every active agent but the sender, ids in any
     * case), each once, in the order named.
     */
    public List<String> recipients(List<String> names, String sender) {
        if (names.isEmpty()) {
            throw new BadRecipients("'to' is required: an agent id, a list of ids, 'captain' or 'all'");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            if (name.strip().equalsIgnoreCase("all")) {
                ids.addAll(roster.broadcastOrder(sender));
                continue;
            }
            ids.add(roster.idOf(name).orElseThrow(() -> new BadRecipients("unknown recipient '" + name
                    + "'; known agents: " + String.join(", ", roster.ids()) + " (or 'captain', 'all')")));
        }
        if (ids.isEmpty()) {
            throw new BadRecipients("'all' names no one: no other agent is active");
        }
        return new ArrayList<>(ids);
    }

    /** Refuses, before anything is written, when as many messages wait for delivery as the queue may hold. */
    public void checkRoom() throws IOException {
        long waiting = QueueStats.waiting(home, roster);
        if (waiting >= maxWaiting) {
            throw new QueueFull("queue full: " + waiting + " message(s) wait for delivery (max " + maxWaiting
                    + "); nothing was sent, try again once the router has delivered some");
        }
    }

    /**
     * Checks the room and the size, then drops the message ({@code fields}: the JSON drop's fields); returns the
     * drop's path.
     */
    public Path post(String id, boolean urgent, Map<String, Object> fields) throws IOException {
        checkRoom();
        byte[] drop = OutboxWriter.encode(id, fields);
        if (drop.length > maxBytes) {
            throw new TooLarge("the message is too large: " + drop.length + " bytes as a drop, the router takes at most "
                    + maxBytes + " (cellphone.max-message-bytes); nothing was sent");
        }
        return OutboxWriter.write(home, id, urgent, drop);
    }
}
