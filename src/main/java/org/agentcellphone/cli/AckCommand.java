package org.agentcellphone.cli;

import org.agentcellphone.operations.Reading;
import org.agentcellphone.operations.Sending;
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
        if (reply != null && reply.isBlank()) {
            throw new CliException(ExitCode.MISSING_OPTION, "the reply is empty (-m TEXT)");
        }
        Reading.Ack ack;
        try {
            ack = new Reading(home(), roster(), settings()).ack(id, agentId(agent), reply, "cli");
        } catch (Reading.NotDelivered unknown) {
            throw new CliException(ExitCode.NOT_FOUND, unknown.getMessage());
        } catch (Reading.NoOneToReplyTo | Sending.TooLarge refused) {
            throw new CliException(ExitCode.USAGE, refused.getMessage());
        } catch (Sending.QueueFull full) {
            throw new CliException(ExitCode.QUEUE_FULL, full.getMessage());
        }
        out().println(ack.first() ? "acked " + id : id + " was already acked");
        if (ack.replyId() != null) {
            out().println("reply " + ack.replyId() + " to " + ack.replyTo());
        }
        return ExitCode.OK;
    }
}
