package org.agentcellphone.cli;

import org.agentcellphone.model.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellphone broadcast -m TEXT}: one message to every active agent. */
@Command(name = "broadcast", description = {"Send a message to every active agent, the captain included and last.",
    "One id for all; each agent gets its own copy."})
final class BroadcastCommand extends BaseCommand {

    @Mixin
    MessageOptions message;

    @Override
    protected ExitCode execute() throws Exception {
        return Posting.post(this, message, roster().broadcastOrder(null), MessageType.BROADCAST);
    }
}
