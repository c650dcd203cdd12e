package org.agentcellphone.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.agentcellphone.model.Message;

/**
 * A valid message with its recipients resolved against the roster.
 *
 * @param recipients        roster ids in delivery order (captain last for broadcasts)
 * @param unknownRecipients names that are not roster ids; all of them share one dead-letter entry
 */
public record AcceptedMessage(@JsonUnwrapped Message message, List<String> recipients, List<String> unknownRecipients) {
}
