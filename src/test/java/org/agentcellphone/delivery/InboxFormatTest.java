package org.agentcellphone.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.junit.jupiter.api.Test;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.cli.Cellphone;

class InboxFormatTest {

    private final Roster roster = Roster.defaults();

    private static Envelope envelope(String from, String to, MessageType type) {
        return new Envelope(new Message("msg-1", from, null, Priority.URGENT, null, type, List.of("coordination"), null,
                null, "inbox", null, "Hello **team**"), to, "2026-11-25T09:34:21.123Z", "message_queue/outbox/x.json", 1L,
                null, null);
    }

    @Test
    void channelTagsFollowTheFirstMatchingRule() {
        assertThat(ChannelTag.of("General Smith", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.G2A);
        assertThat(ChannelTag.of("Discord", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.D2A);
        assertThat(ChannelTag.of("commander", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.D2A);
        assertThat(ChannelTag.of("SYSTEM", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.S2A);
        assertThat(ChannelTag.of("Agent-4", "Agent-1", MessageType.BROADCAST, roster)).isEqualTo(ChannelTag.C2A_ALL);
        assertThat(ChannelTag.of("Captain Agent-4", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.C2A);
        assertThat(ChannelTag.of("Agent-2", "Agent-4", MessageType.TEXT, roster)).isEqualTo(ChannelTag.A2C);
        assertThat(ChannelTag.of("Agent-2", "Agent-7", MessageType.TEXT, roster)).isEqualTo(ChannelTag.A2A);
        assertThat(ChannelTag.of("a script", "Agent-7", MessageType.TEXT, roster)).isEqualTo(ChannelTag.C2A);
        assertThat(ChannelTag.C2A_ALL.label()).isEqualTo("[C2A-ALL]");
    }

    @Test
    void theHumanOfTheConsoleSpeaksOnTheHumansChannelWhateverItIsCalled() {
        Roster withOverseer = roster.withHuman("Overseer");
        assertThat(ChannelTag.of("Overseer", "Agent-1", MessageType.TEXT, withOverseer)).isEqualTo(ChannelTag.D2A);
        assertThat(ChannelTag.of("Overseer", "Agent-1", MessageType.TEXT, roster)).isEqualTo(ChannelTag.C2A);
        // the human is a recipient, never one of 'all', never an agent
        assertThat(withOverseer.idOf("overseer")).hasValue("Overseer");
        assertThat(withOverseer.broadcastOrder(null)).doesNotContain("Overseer").hasSize(8);
        assertThat(withOverseer.agents()).hasSize(8);
        assertThat(withOverseer.ids()).hasSize(9).contains("Overseer");
        // a name that is an agent's adds nothing: the console speaks as that agent
        assertThat(roster.withHuman("Agent-4").ids()).hasSize(8);
        assertThat(roster.withHuman("Agent-4").human()).isNull();
    }

    @Test
    void fileNameSortsByTimeShowsPriorityAndSenderAndEndsWithTheId() {
        String name = InboxFormat.fileName(envelope("Captain Agent-4", "Agent-7", MessageType.TEXT),
                Instant.parse("2026-11-25T09:34:21.123Z"));
        assertThat(name).isEqualTo("20261125T093421.123Z_urgent_Captain-Agent-4_msg-1.md");
        assertThat(InboxFormat.idOf(name)).isEqualTo("msg-1");
        assertThat(InboxFormat.timeOf(name)).isEqualTo(Instant.parse("2026-11-25T09:34:21.123Z"));
    }

    @Test
    void senderWithPathCharactersCannotEscapeTheFileName() {
        String name = InboxFormat.fileName(envelope("../../etc/passwd", "Agent-7", MessageType.TEXT), Instant.EPOCH);
        assertThat(name).doesNotContain("/").doesNotContain("..");
    }

    @Test
    void renderedMessageHasTheDocumentedLayout() {
        String md = new InboxFormat(roster).render(envelope("Agent-4", "Agent-7", MessageType.TEXT));
        assertThat(md).isEqualTo("""
                # [C2A] CAPTAIN MESSAGE - TEXT
                **From**: Agent-4
                **To**: Agent-7
                **Priority**: urgent
                **Type**: text
                **Tags**: coordination
                **Message ID**: msg-1
                **Timestamp**: 2026-11-25T09:34:21.123Z
                ---

                Hello **team**

                ---
                *Delivered by Agent Cellphone*
                """);
    }

    @Test
    void agentToCaptainHeading() {
        String md = new InboxFormat(roster).render(envelope("Agent-2", "Agent-4", MessageType.AGENT_TO_AGENT));
        assertThat(md).startsWith("# [A2C] AGENT TO CAPTAIN - AGENT_TO_AGENT\n");
    }
}
