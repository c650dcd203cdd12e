package org.agentcellphone.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellphone onboard}: the onboarding message, urgent, to one agent or to all. */
@Command(name = "onboard", description = {"Send the onboarding message, urgent, to every active agent or one.",
    "The text is templates/onboarding.md with the agent's role and tasks filled in. Without -a every active",
    "agent gets it, the captain last."})
final class OnboardCommand extends BaseCommand {

    enum Style { friendly, professional }

    @Option(names = {"-a", "--agent"}, paramLabel = "AGENT", description = "Only this agent.")
    String agent;

    @Option(names = {"--style", "--onboarding-style"}, paramLabel = "STYLE", defaultValue = "friendly",
            description = "friendly (default) or professional.")
    Style style;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A note added to the template.")
    String message;

    @Override
    protected ExitCode execute() throws Exception {
        List<String> to = agent == null ? roster().broadcastOrder(null) : List.of(agentId(agent));
        return Templated.send(this, Templated.Kind.ONBOARDING, to, style.name(), message);
    }
}
