package org.agentcellphone.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cellphone send -a AGENT -m TEXT}: one message to one agent. */
@Command(name = "send", description = {"Send a message to one agent and print its id.",
    "Only drops a file into the outbox: the router need not be running."})
final class SendCommand extends BaseCommand {

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", order = 0,
            description = "The recipient: an agent id of the roster (any case), or 'captain'.")
    String agent;

    @Mixin
    MessageOptions message;

    @Override
    protected ExitCode execute() throws Exception {
        return Posting.post(this, message, List.of(agentId(agent)), null);
    }
}
