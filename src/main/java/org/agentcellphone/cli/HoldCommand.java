package org.agentcellphone.cli;

import java.io.IOException;
import java.util.List;
import org.agentcellphone.operations.Operations;
import picocli.CommandLine.Command;

@Command(name = "hold", description = "Set pending messages aside: they are not delivered until released.")
final class HoldCommand extends QueueAction {

    @Override
    List<Operations.Done> apply(Operations operations, List<String> ids) throws IOException, Operations.Unmatched {
        return operations.hold(ids);
    }
}
