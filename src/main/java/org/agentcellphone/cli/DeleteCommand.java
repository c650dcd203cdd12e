package org.agentcellphone.cli;

import java.io.IOException;
import java.util.List;
import org.agentcellphone.operations.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", description = "Remove pending, held or dead-lettered messages for good (logged).")
final class DeleteCommand extends QueueAction {

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; written to the operations log.")
    String reason;

    @Override
    List<Operations.Done> apply(Operations operations, List<String> ids) throws IOException, Operations.Unmatched {
        return operations.delete(ids, reason == null ? "deleted by an operator" : reason);
    }
}
