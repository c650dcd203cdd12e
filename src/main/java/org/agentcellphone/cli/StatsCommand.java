package org.agentcellphone.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.agentcellphone.model.Json;
import org.agentcellphone.config.Settings;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.store.SharedStats;
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
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = Json.MAPPER.convertValue(stats, LinkedHashMap.class);
        // after delivered: of those, the ones that asked for an acknowledgement still to come
        Map<String, Object> rows = new LinkedHashMap<>();
        counts.forEach((key, value) -> {
            rows.put(key, value);
            if (key.equals("delivered")) {
                rows.put("awaiting_ack", 0L);
            }
        });
        rows.put("awaiting_ack", QueueStats.awaitingAck(home()));
        Settings settings = settings();
        if (settings.sharedStore()) {
            // this home's counts above (its outboxes, its spool, the records of and copied to it); every host's here
            rows.put("shared_store", SharedStats.read(SharedDatabase.direct(settings)));
        }
        if (output.json) {
            output.print(out(), rows);
            return ExitCode.OK;
        }
        rows.forEach((key, value) -> {
            if (value instanceof Map<?, ?> buckets) {
                out().println(key);
                buckets.forEach((bucket, n) -> out().printf("  %-14s %s%n", bucket, n instanceof Map<?, ?> perHost
                        ? perHost.toString().replaceAll("[{}]", "") : n));
            } else {
                out().printf("%-16s %s%n", key, value == null ? "-" : value);
            }
        });
        return ExitCode.OK;
    }
}
