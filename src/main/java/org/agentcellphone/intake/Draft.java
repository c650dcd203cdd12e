package org.agentcellphone.intake;

import java.util.List;

/**
 * A drop as its sender wrote it, parsed but not yet validated.
 *
 * @param markdown   whether the fields come from loose Markdown headers (lenient rules) or strict JSON
 * @param recipients the recipient items as written ({@code "Agent-7"}, {@code "Captain (Agent-4)"}, {@code "all"})
 */
public record Draft(
        boolean markdown,
        String id,
        String from,
        List<String> recipients,
        String priority,
        String type,
        List<String> tags,
        String subject,
        String inReplyTo,
        String mode,
        String ackRequired,
        String content) {
}
