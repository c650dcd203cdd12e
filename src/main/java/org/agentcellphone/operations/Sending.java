package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.OutboxWriter;

/**
 * Sending as every sender does it (the command line, MCP sessions): the queue's limit checked first, then one drop
 * written into the shared outbox (its urgent lane for urgent ones). No router needed.
 */
public final class Sending {

    /** The queue holds its maximum: nothing was written. */
    public static final class QueueFull extends IOException {
        public QueueFull(String message) {
            super(message);
        }
    }

    private final Home home;
    private final Roster roster;
    private final long maxWaiting;

    public Sending(Home home, Roster roster, Settings settings) {
        this.home = home;
        this.roster = roster;
        this.maxWaiting = settings.number("cellphone.queue.max-size");
    }

    /** Refuses, before anything is written, when as many messages wait for delivery as the queue may hold. */
    public void checkRoom() throws IOException {
        long waiting = QueueStats.waiting(home, roster);
        if (waiting >= maxWaiting) {
            throw new QueueFull("queue full: " + waiting + " message(s) wait for delivery (max " + maxWaiting
                    + "); nothing was sent, try again once the router has delivered some");
        }
    }

    /** Checks the room, then drops the message ({@code fields}: the JSON drop's fields); returns the drop's path. */
    public Path post(String id, boolean urgent, Map<String, Object> fields) throws IOException {
        checkRoom();
        return OutboxWriter.drop(home, id, urgent, fields);
    }
}
