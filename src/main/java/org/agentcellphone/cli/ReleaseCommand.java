package org.agentcellphone.cli;

import java.io.IOException;
import java.util.List;
import org.agentcellphone.operations.Operations;
import picocli.CommandLine.Command;

@Command(name = "release", description = "Hand held messages back for delivery.")
final class ReleaseCommand extends QueueAction {

    @Override
    List<Operations.Done> apply(Operations operations, List<String> ids) throws IOException, Operations.Unmatched {
        return operations.release(ids);
    }
}
