package org.agentcellphone.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.DurableFiles;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.store.OutboxWriter;
import org.agentcellphone.store.Receipts;

/**
 * An agent reading and acknowledging what was delivered to it: finds the message (its record, and its text wherever
 * in the inbox the agent moved the file) and writes the receipts. One piece for every way an agent asks.
 */
public final class Reading {

    /** No message of that id was delivered to that agent. */
    public static final class NotDelivered extends IllegalArgumentException {
        public NotDelivered(String message) {
            super(message);
        }
    }

    /** A reply cannot go back: the sender is not an agent of the roster. */
    public static final class NoOneToReplyTo extends IllegalArgumentException {
        public NoOneToReplyTo(String message) {
            super(message);
        }
    }

    /** A delivered message: who sent it, and its inbox file's text. */
    public record Received(String from, String text) {
    }

    /**
     * An acknowledgement: {@code first} unless it was acknowledged before; the reply's id and recipient when a reply
     * was sent, else null.
     */
    public record Ack(boolean first, String replyId, String replyTo) {
    }

    private static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

    private final Home home;
    private final Roster roster;
    private final Receipts receipts;
    private final Sending sending;

    public Reading(Home home, Roster roster, Settings settings) {
        this.home = home;
        this.roster = roster;
        this.receipts = new Receipts(home);
        this.sending = new Sending(home, roster, settings);
    }

    /** The message, marked read by {@code agent} ({@code by}: cli, mcp). */
    public Received read(String id, String agent, String by) throws IOException {
        Received received = find(id, agent);
        receipts.markRead(new Receipts.Read(id, agent, Instant.now().toString(), by));
        return received;
    }

    /**
     * Acknowledges it (and reads it). With a {@code reply}, that text goes to the sender first, as a message from the
     * agent with {@code in_reply_to} = id: an ack that names a reply always has one. A reply the queue refuses (full,
     * too large) is thrown before anything is marked.
     */
    public Ack ack(String id, String agent, String reply, String by) throws IOException {
        Received received = find(id, agent);
        String replyId = null;
        String sender = null;
        if (reply != null) {
            sender = roster.agentOf(received.from()).orElseThrow(() -> new NoOneToReplyTo("cannot reply: the sender '"
                    + received.from() + "' is not an agent of the roster; acknowledge without a reply"));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("from", agent);
            fields.put("to", sender);
            fields.put("type", "agent_to_agent");
            fields.put("in_reply_to", id);
            fields.put("content", reply);
            replyId = OutboxWriter.newId();
            sending.post(replyId, false, fields);
        }
        String now = Instant.now().toString();
        receipts.markRead(new Receipts.Read(id, agent, now, by));
        boolean first = receipts.markAcked(new Receipts.Acked(id, agent, now, replyId));
        return new Ack(first, replyId, sender);
    }

    /** The message as the agent has it, marking nothing (the console shows it). */
    public Received peek(String id, String agent) throws IOException {
        return find(id, agent);
    }

    private Received find(String id, String agent) throws IOException {
        List<JsonNode> records = new DeliveryLedger(home).recordsOf(id, agent);
        if (records.isEmpty()) {
            throw new NotDelivered("no message " + id + " was delivered to " + agent + " (inbox -a " + agent
                    + " lists what was)");
        }
        JsonNode record = records.get(records.size() - 1);
        String name = Path.of(record.path("inbox_file").asText("x")).getFileName().toString();
        Optional<Path> file = locate(home.inbox(agent), name);
        String text = file.isPresent()
                ? new String(DurableFiles.readAtMost(file.get(), MAX_TEXT_BYTES), StandardCharsets.UTF_8)
                : "(" + id + ": its file " + name + " is no longer in " + home.relative(home.inbox(agent)) + ")\n";
        return new Received(record.path("from").asText(), text.endsWith("\n") ? text : text + "\n");
    }

    /** At the top of the inbox, or moved into one of its folders (read/, archive_…/); never through a link. */
    private Optional<Path> locate(Path inbox, String name) throws IOException {
        Path top = home.guard(inbox).resolve(name);
        if (Files.isRegularFile(top, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(top);
        }
        if (!Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(inbox, 3)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).findFirst();
        }
    }
}
