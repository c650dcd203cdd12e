package org.agentcellphone.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.agents.StatusReport;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.files.Home;
import org.agentcellphone.store.Receipts;

/** What each agent says of itself, with its unread count: for {@code status} and MCP's {@code list_agents}. */
public final class Statuses {

    private Statuses() {
    }

    public static List<StatusReport.AgentStatus> of(Home home, Roster roster, Duration staleAfter) throws IOException {
        Instant now = Instant.now();
        List<StatusReport.AgentStatus> rows = new ArrayList<>();
        Tracking tracking = new Tracking(home);
        // one listing of the receipts instead of a look for each inbox file: most files have none
        Set<String> receipts = new Receipts(home).names();
        for (Agent a : roster.agents()) {
            // a workspace replaced by a link is not read through: its status counts as unreadable
            Path workspace = home.workspace(a.id());
            boolean inside;
            try {
                home.guard(workspace);
                inside = true;
            } catch (Home.OutsideHome refused) {
                inside = false;
            }
            rows.add(StatusReport.of(a.id(), inside ? workspace : null, staleAfter, now,
                    name -> hasReadReceipt(receipts, a.id(), name) && tracking.isReadFile(a.id(), name)));
        }
        return rows;
    }

    private static boolean hasReadReceipt(Set<String> receipts, String agent, String inboxFile) {
        String id = InboxFormat.idOf(inboxFile);
        return id != null && receipts.contains(Receipts.name(id, agent, "read"));
    }
}
