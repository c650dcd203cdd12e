package org.agentcellphone.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Task;
import org.agentcellphone.agents.Templates;
import org.agentcellphone.store.OutboxWriter;

/** Onboarding and wrap-up: one message rendered from a template for each agent, in broadcast order. */
final class Templated {

    enum Kind { ONBOARDING, WRAPUP }

    private Templated() {
    }

    static ExitCode send(BaseCommand command, Kind kind, List<String> recipients, String style, String custom)
            throws Exception {
        Posting.checkRoom(command);
        boolean wrapup = kind == Kind.WRAPUP;
        String template = Templates.load(command.home().root(), wrapup ? "wrapup" : "onboarding");
        List<Task> tasks = command.tasks().all();
        long available = tasks.stream().filter(t -> t.state() == Task.State.AVAILABLE).count();
        String run = OutboxWriter.newId().substring(2);
        int n = 0;
        for (String id : recipients) {
            Agent a = command.roster().find(id).orElseThrow();
            List<String> mine = tasks.stream().filter(t -> t.state() == Task.State.CLAIMED
                    && id.equals(t.details().assignedTo())).map(t -> t.details().title()).toList();
            String contractInfo = mine.isEmpty()
                    ? "no task claimed; " + available + " available (bin/cellphone task next -a " + id + ")"
                    : "claimed: " + String.join("; ", mine);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("agent_id", id);
            values.put("role", a.role());
            values.put("description", a.description());
            values.put("contract_info", contractInfo);
            values.put("custom_message", custom);
            values.put("style", style);
            // ids (and so drop names) sort in sending order: the captain's, sent last, is read last
            String messageId = String.format("%s-%s-%02d-%s", wrapup ? "wrapup" : "onboarding", run, ++n, id);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("from", command.roster().captain());
            fields.put("to", id);
            fields.put("priority", wrapup ? "regular" : "urgent");
            fields.put("type", wrapup ? "broadcast" : "onboarding");
            fields.put("tags", List.of("captain", wrapup ? "wrapup" : "onboarding"));
            fields.put("subject", wrapup ? "Wrap-up" : "Onboarding (" + style + ")");
            fields.put("content", Templates.render(template, values));
            OutboxWriter.drop(command.home(), messageId, !wrapup, fields);
            command.out().println(messageId);
        }
        return ExitCode.OK;
    }
}
