package org.agentcellphone.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.operations.Operations;
import org.agentcellphone.store.SharedDatabase;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** An operator's action on queued messages by id: hold, release, requeue, delete. */
abstract class QueueAction extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "ID",
            description = "Message ids or unique prefixes of them; '-' reads ids from standard input.")
    List<String> ids;

    @Mixin
    JsonOutput output;

    /** The action itself, on the expanded ids. */
    abstract List<Operations.Done> apply(Operations operations, List<String> ids) throws IOException, Operations.Unmatched;

    @Override
    protected ExitCode execute() throws Exception {
        home().ensureLayout(roster().ids());
        List<Operations.Done> done;
        try {
            Roster roster = roster();
            done = apply(new Operations(home(), roster, SharedDatabase.storeForCommands(settings(),
                    agent -> roster.find(agent).map(Agent::host).orElse(null))), expand(ids));
        } catch (Operations.Unmatched e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        if (output.json) {
            output.print(out(), done);
            return ExitCode.OK;
        }
        if (done.isEmpty()) {
            out().println(spec.name() + ": nothing to do");
        }
        for (Operations.Done d : done) {
            out().printf("%-8s %s%s  %s%s%n", d.action(), d.id(), d.recipient() == null ? "" : " for " + d.recipient(),
                    d.to() == null ? d.from() : d.from() + " -> " + d.to(), d.note() == null ? "" : "  (" + d.note() + ")");
        }
        return ExitCode.OK;
    }

    /** {@code -} reads ids from standard input, one or more per line. */
    private static List<String> expand(List<String> given) throws IOException {
        List<String> all = new ArrayList<>();
        for (String id : given) {
            if (!"-".equals(id)) {
                all.add(id);
                continue;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                for (String word : line.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        all.add(word);
                    }
                }
            }
        }
        if (all.isEmpty()) {
            throw new CliException(ExitCode.MISSING_OPTION, "no ids on standard input");
        }
        return all;
    }
}
