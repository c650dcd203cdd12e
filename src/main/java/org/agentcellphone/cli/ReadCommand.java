package org.agentcellphone.cli;

import org.agentcellphone.operations.Reading;
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
        try {
            out().print(new Reading(home(), roster(), settings()).read(id, agentId(agent), "cli").text());
        } catch (Reading.NotDelivered unknown) {
            throw new CliException(ExitCode.NOT_FOUND, unknown.getMessage());
        }
        return ExitCode.OK;
    }
}
