package org.agentcellphone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agentcellphone.operations.Tracking;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.agentcellphone.store.DeliveryLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cellphone history}: delivered messages from the delivery records, so it survives restarts. */
@Command(name = "history", description = "Show delivered messages, newest first, from the delivery records.")
final class HistoryCommand extends BaseCommand {

    @Option(names = {"-a", "--agent"}, paramLabel = "AGENT", description = "Only those delivered to this agent.")
    String agent;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N (default 20).")
    int limit;

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        if (limit < 1) {
            throw new CliException(ExitCode.USAGE, "--limit must be at least 1");
        }
        String who = agent == null ? null : agentId(agent);
        List<JsonNode> shown = new DeliveryLedger(home()).records().stream()
                .filter(r -> who == null || who.equals(r.path("recipient").asText()))
                .sorted(Comparator.comparing(HistoryCommand::deliveredAt).reversed())
                .limit(limit).toList();
        Tracking tracking = new Tracking(home());
        for (JsonNode r : shown) {
            // where it stands now: delivered, notified, read or acked
            ((ObjectNode) r).put("state", tracking.stateOf(r).state().wire());
        }
        if (output.json) {
            output.print(out(), shown);
            return ExitCode.OK;
        }
        for (JsonNode r : shown) {
            out().printf("%s  %-8s %-9s %-7s from %-16s %s%s%n", r.path("delivered_at").asText(), r.path("recipient").asText(),
                    r.path("state").asText(),
                    r.path("priority").asText(), Text.clip(r.path("from").asText(), 16), r.path("id").asText(),
                    r.path("subject").isTextual() ? "  " + Text.clip(r.path("subject").asText(), 50) : "");
        }
        return ExitCode.OK;
    }

    /** As an instant: its text form has as many fraction digits as it needs, so text order is not time order. */
    private static Instant deliveredAt(JsonNode record) {
        try {
            return Instant.parse(record.path("delivered_at").asText());
        } catch (DateTimeParseException damaged) {
            return Instant.EPOCH;
        }
    }
}
