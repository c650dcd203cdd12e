package org.agentcellphone.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellphone wrapup}: the wrap-up message to every agent. */
@Command(name = "wrapup", description = {"Send the wrap-up message to every active agent, the captain last.",
    "The text is templates/wrapup.md with each agent's claimed tasks filled in."})
final class WrapupCommand extends BaseCommand {

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A note added to the template.")
    String message;

    @Override
    protected ExitCode execute() throws Exception {
        return Templated.send(this, Templated.Kind.WRAPUP, roster().broadcastOrder(null), "friendly", message);
    }
}
