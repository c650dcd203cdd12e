package org.agentcellphone.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.model.Json;
import org.agentcellphone.operations.QueueStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellphone stats}: the queue's counts, read from the folders. */
@Command(name = "stats", description = {"Show the queue's counts per state, read from its folders.",
    "Outbox, pending (urgent, regular), handed back, held, GUI typing, delivered, failed, duplicates, the",
    "oldest and newest pending, and what waits by age. Works whether or not a router runs."})
final class StatsCommand extends BaseCommand {

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        QueueStats.Snapshot stats = QueueStats.read(home(), roster());
        if (output.json) {
            output.print(out(), stats);
            return ExitCode.OK;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = Json.MAPPER.convertValue(stats, LinkedHashMap.class);
        rows.forEach((key, value) -> {
            if (value instanceof Map<?, ?> buckets) {
                out().println(key);
                buckets.forEach((bucket, n) -> out().printf("  %-14s %s%n", bucket, n));
            } else {
                out().printf("%-16s %s%n", key, value == null ? "-" : value);
            }
        });
        return ExitCode.OK;
    }
}
