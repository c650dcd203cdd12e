package org.agentcellphone.cli;

import java.io.IOException;
import java.util.List;
import org.agentcellphone.operations.Operations;
import picocli.CommandLine.Command;

@Command(name = "requeue", description = {"Hand dead-lettered messages back for delivery (ALL for every one).",
    "Attempts start again; the reason they failed is kept in their history."})
final class RequeueCommand extends QueueAction {

    @Override
    List<Operations.Done> apply(Operations operations, List<String> ids) throws IOException, Operations.Unmatched {
        return operations.requeue(ids);
    }
}
