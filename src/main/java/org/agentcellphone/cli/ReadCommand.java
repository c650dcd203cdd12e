package org.agentcellphone.cli;

import java.time.Instant;
import org.agentcellphone.store.Receipts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cellphone read ID -a A}: prints the message and marks it read for A. */
@Command(name = "read", description = {"Print a message from an agent's inbox and mark it read.",
    "Where its file is, moved or not, the text is printed as the inbox has it."})
final class ReadCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The message id (inbox lists them).")
    String id;

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", order = 0,
            description = "The reader: the agent it was delivered to.")
    String agent;

    @Override
    protected ExitCode execute() throws Exception {
        String reader = agentId(agent);
        Received received = Received.of(home(), id, reader);
        out().print(received.text());
        new Receipts(home()).markRead(new Receipts.Read(id, reader, Instant.now().toString(), "cli"));
        return ExitCode.OK;
    }
}
