package org.agentcellphone.cli;

import java.util.List;
import org.agentcellphone.operations.Tracking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cellphone inbox -a A}: an agent's unread messages; listing never marks anything read. */
@Command(name = "inbox", description = {"List an agent's unread messages, urgent first; marks nothing read.",
    "read ID marks one read; moving its file out of the top of the inbox (or deleting it) does too."})
final class InboxCommand extends BaseCommand {

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", order = 0,
            description = "Whose inbox: an agent id of the roster (any case), or 'captain'.")
    String agent;

    @Option(names = "--all", order = 1, description = "Also the messages already read.")
    boolean all;

    @Mixin
    JsonOutput output;

    @Override
    protected ExitCode execute() throws Exception {
        List<Tracking.InboxItem> items = new Tracking(home()).inbox(agentId(agent), all);
        if (output.json) {
            output.print(out(), items);
            return ExitCode.OK;
        }
        if (items.isEmpty()) {
            out().println(all ? "no messages" : "no unread messages");
        }
        for (Tracking.InboxItem i : items) {
            String marks = (i.read() ? "read " : "") + (i.ackRequired() ? i.acked() ? "acked " : "ACK? " : "");
            out().printf("%-34s %-7s from %-14s %-9s %s%s%n", Text.clip(i.id(), 34), i.priority(),
                    Text.clip(i.from(), 14), Text.age(i.ageSeconds()), marks, Text.clip(i.subject(), 60));
        }
        return ExitCode.OK;
    }
}
