package org.agentcellphone.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.operations.Tracking;
import org.agentcellphone.store.SharedDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cellphone track ID}: where a message stands for each recipient. */
@Command(name = "track", description = {"Show where a message stands for each recipient.",
    "accepted -> delivered -> notified (typed into its session, and how) -> read -> acked, or failed; with the",
    "time of each step and why waking or delivery failed."})
final class TrackCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The message id (send prints it).")
    String id;

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        Roster roster = roster();
        List<Tracking.RecipientState> states = new Tracking(home(), SharedDatabase.storeForCommands(settings(),
                agent -> roster.find(agent).map(Agent::host).orElse(null))).track(id);
        if (states.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no message " + id + " is waiting, delivered or failed "
                    + "(unknown id, not yet taken from its outbox, or removed by retention)");
        }
        if (output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", id);
            doc.put("recipients", states);
            output.print(out(), doc);
            return ExitCode.OK;
        }
        for (Tracking.RecipientState s : states) {
            StringBuilder line = new StringBuilder(String.format("%-10s %-9s", s.agent(), s.state().wire()));
            step(line, "accepted", s.acceptedAt());
            step(line, "delivered", s.deliveredAt());
            step(line, "notified", s.notifiedAt());
            if (s.notifiedBy() != null) {
                line.append(" (").append(s.notifiedBy()).append(')');
            }
            step(line, "read", s.readAt());
            step(line, "acked", s.ackedAt());
            step(line, "failed", s.failedAt());
            if (s.ackRequired() && s.ackedAt() == null) {
                line.append("  [ack required]");
            }
            out().println(line);
            if (s.wakeReason() != null) {
                out().println("           not notified (" + s.wake() + "): " + s.wakeReason());
            }
            if (s.reason() != null) {
                out().println("           " + s.reason());
            }
        }
        return ExitCode.OK;
    }

    private static void step(StringBuilder line, String name, String at) {
        if (at != null) {
            line.append("  ").append(name).append(' ').append(at);
        }
    }
}
