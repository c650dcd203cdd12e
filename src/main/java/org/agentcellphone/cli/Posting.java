package org.agentcellphone.cli;

import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.operations.Sending;
import org.agentcellphone.operations.Tracking;
import java.nio.file.Path;
import java.util.List;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.store.OutboxWriter;

/** One message to one or more recipients: checked, dropped into the outbox, and waited for when asked. */
final class Posting {

    private Posting() {
    }

    static ExitCode post(BaseCommand command, MessageOptions options, List<String> recipients, MessageType defaultType)
            throws Exception {
        var fields = options.fields(recipients.size() == 1 ? recipients.get(0) : recipients, defaultType);
        Tracking.State waitFor = options.waitState();
        String messageId = options.id != null ? options.id : OutboxWriter.newId();
        Path drop;
        try {
            drop = sending(command).post(messageId, options.priority() == Priority.URGENT, fields);
        } catch (Sending.QueueFull full) {
            throw new CliException(ExitCode.QUEUE_FULL, full.getMessage());
        } catch (Sending.TooLarge tooLarge) {
            throw new CliException(ExitCode.USAGE, tooLarge.getMessage());
        }
        command.out().println(messageId);
        command.out().flush();
        if (waitFor == null) {
            return ExitCode.OK;
        }
        Roster roster = command.roster();
        return new DeliveryWait(command.home(), messageId, drop.getFileName().toString(), recipients, waitFor,
                SharedDatabase.storeForCommands(command.settings(), agent -> roster.find(agent).map(Agent::host)
                        .orElse(null))).await(options.waitLimit(), command.out());
    }

    /** The queue's limit as a sender meets it: refused (exit 8) before anything is written. */
    static void checkRoom(BaseCommand command) throws Exception {
        try {
            sending(command).checkRoom();
        } catch (Sending.QueueFull full) {
            throw new CliException(ExitCode.QUEUE_FULL, full.getMessage());
        }
    }

    private static Sending sending(BaseCommand command) throws Exception {
        return new Sending(command.home(), command.roster(), command.settings());
    }
}
