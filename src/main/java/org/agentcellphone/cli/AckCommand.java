package org.agentcellphone.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.store.OutboxWriter;
import org.agentcellphone.store.Receipts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cellphone ack ID -a A [-m TEXT]}: acknowledges a message (and reads it); with -m, replies to its sender. */
@Command(name = "ack", description = {"Acknowledge a message (it counts as read too).",
    "With -m, also send TEXT to its sender as a reply (in_reply_to = ID)."})
final class AckCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The message id.")
    String id;

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", order = 0,
            description = "Who acknowledges: the agent it was delivered to.")
    String agent;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", order = 1, description = "A reply to the sender.")
    String reply;

    @Override
    protected ExitCode execute() throws Exception {
        String reader = agentId(agent);
        Received received = Received.of(home(), id, reader);
        String replyId = null;
        if (reply != null) {
            if (reply.isBlank()) {
                throw new CliException(ExitCode.MISSING_OPTION, "the reply is empty (-m TEXT)");
            }
            String sender = roster().agentOf(received.from()).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "cannot reply: the sender '" + received.from() + "' is not an agent of the roster; ack without -m"));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("from", reader);
            fields.put("to", sender);
            fields.put("type", "agent_to_agent");
            fields.put("in_reply_to", id);
            fields.put("content", reply);
            // the reply first: an ack that names a reply always has one
            replyId = OutboxWriter.newId();
            OutboxWriter.drop(home(), replyId, false, fields);
        }
        Receipts receipts = new Receipts(home());
        String now = Instant.now().toString();
        receipts.markRead(new Receipts.Read(id, reader, now, "cli"));
        boolean first = receipts.markAcked(new Receipts.Acked(id, reader, now, replyId));
        out().println(first ? "acked " + id : id + " was already acked");
        if (replyId != null) {
            out().println("reply " + replyId + " to " + received.from());
        }
        return ExitCode.OK;
    }
}
