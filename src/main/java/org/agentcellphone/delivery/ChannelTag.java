package org.agentcellphone.delivery;

import java.util.Locale;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.MessageType;

/** The direction tag agents prioritise by: the first rule that matches wins. */
public enum ChannelTag {
    G2A("GENERAL MESSAGE"),
    D2A("DISCORD MESSAGE"),
    S2A("SYSTEM MESSAGE"),
    C2A_ALL("CAPTAIN BROADCAST"),
    C2A("CAPTAIN MESSAGE"),
    A2C("AGENT TO CAPTAIN"),
    A2A("AGENT MESSAGE");

    private final String heading;

    ChannelTag(String heading) {
        this.heading = heading;
    }

    /** As shown: {@code [C2A-ALL]}. */
    public String label() {
        return "[" + name().replace('_', '-') + "]";
    }

    public String heading() {
        return heading;
    }

    public static ChannelTag of(String sender, String recipient, MessageType type, Roster roster) {
        String s = sender == null ? "" : sender.strip().toUpperCase(Locale.ROOT);
        if (s.contains("GENERAL")) {
            return G2A;
        }
        // the human's channel, whatever the console's sender is called
        if (s.equals("DISCORD") || s.equals("COMMANDER") || s.equals("DISCORD-CONTROLLER") || roster.isHuman(s)) {
            return D2A;
        }
        if (s.equals("SYSTEM")) {
            return S2A;
        }
        String senderAgent = roster.agentOf(sender).orElse(null);
        if (senderAgent != null && roster.isCaptain(senderAgent)) {
            return type == MessageType.BROADCAST ? C2A_ALL : C2A;
        }
        if (roster.isCaptain(recipient)) {
            return A2C;
        }
        if (senderAgent != null && roster.find(recipient).isPresent()) {
            return A2A;
        }
        return C2A;
    }
}
