package org.agentcellphone.intake;

import java.util.List;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;

/**
 * A valid message with its recipients resolved against the roster.
 *
 * @param recipients        roster ids in delivery order (captain last for broadcasts)
 * @param unknownRecipients names that are not roster ids; each gets its own dead-letter entry
 */
public record AcceptedMessage(
        String id,
        String from,
        String claimedFrom,
        Priority priority,
        String priorityLabel,
        MessageType type,
        List<String> tags,
        String subject,
        String inReplyTo,
        String mode,
        String content,
        List<String> recipients,
        List<String> unknownRecipients) {
}
