package org.agentcellphone.cli;

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
        Capacity.checkRoom(command.home(), command.roster(), command.settings());
        String messageId = options.id != null ? options.id : OutboxWriter.newId();
        Path drop = OutboxWriter.drop(command.home(), messageId, options.priority() == Priority.URGENT, fields);
        command.out().println(messageId);
        command.out().flush();
        if (waitFor == null) {
            return ExitCode.OK;
        }
        return new DeliveryWait(command.home(), messageId, drop.getFileName().toString(), recipients, waitFor)
                .await(options.waitLimit(), command.out());
    }
}
