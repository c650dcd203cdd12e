package org.agentcellphone.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agents messages can be addressed to, and which of them is the captain; also the human who steers them from the
 * console (a mailbox like an agent's, never in a broadcast and not an agent).
 */
public final class Roster {

    /** Roster ids appear in file names, so they are restricted to safe characters. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final Pattern CAPTAIN_WORD = Pattern.compile("(?i)(?<![A-Za-z])captain(?![A-Za-z])");

    private final Map<String, Agent> byLowerId = new LinkedHashMap<>();
    private final Map<String, Pattern> idInText = new LinkedHashMap<>();
    private final String captain;
    private final String human;

    public Roster(List<Agent> agents, String captain) {
        this(agents, captain, null);
    }

    private Roster(List<Agent> agents, String captain, String human) {
        this.human = human;
        for (Agent agent : agents) {
            if (!ID_PATTERN.matcher(agent.id()).matches()) {
                throw new IllegalArgumentException("agent id '" + agent.id() + "' may only hold letters, digits, '_' and '-'");
            }
            if (byLowerId.put(agent.id().toLowerCase(Locale.ROOT), agent) != null) {
                throw new IllegalArgumentException("agent id '" + agent.id() + "' appears twice");
            }
            idInText.put(agent.id(), Pattern.compile("(?i)(?<![A-Za-z0-9])" + Pattern.quote(agent.id())
                    + "(?![A-Za-z0-9])"));
        }
        this.captain = find(captain).map(Agent::id)
                .orElseThrow(() -> new IllegalArgumentException("captain '" + captain + "' is not in the roster"));
    }

    /** The original system's eight agents, captain Agent-4. */
    public static Roster defaults() {
        String[][] roles = {
            {"Agent-1", "Integration & Core Systems Specialist"},
            {"Agent-2", "Architecture & Design Specialist"},
            {"Agent-3", "Infrastructure & DevOps Specialist"},
            {"Agent-4", "Quality Assurance Specialist (CAPTAIN)"},
            {"Agent-5", "Business Intelligence Specialist"},
            {"Agent-6", "Coordination & Communication Specialist"},
            {"Agent-7", "Web Development Specialist"},
            {"Agent-8", "Operations & Support Specialist"},
        };
        List<Agent> agents = new ArrayList<>();
        for (String[] role : roles) {
            agents.add(new Agent(role[0], role[1], role[1], true, null, null));
        }
        return new Roster(agents, "Agent-4");
    }

    /**
     * This roster with the human who steers the swarm as a recipient: agents address {@code name} (the console's
     * sender) and its messages wait in {@code agent_workspaces/<name>/inbox/}. When the name is an agent's, the human
     * speaks as that agent and nothing is added.
     */
    public Roster withHuman(String name) {
        if (name == null || name.isBlank() || find(name).isPresent()) {
            return this;
        }
        if (!ID_PATTERN.matcher(name.strip()).matches()) {
            throw new IllegalArgumentException("cellphone.console.sender '" + name.strip()
                    + "' may only hold letters, digits, '_' and '-'");
        }
        List<Agent> all = new ArrayList<>(byLowerId.values());
        all.add(new Agent(name.strip(), "Human (console)", "the human who steers the swarm", true, null, null, "none",
                null));
        return new Roster(all, captain, name.strip());
    }

    /** The human's mailbox name, or null when this roster has none. */
    public String human() {
        return human;
    }

    public boolean isHuman(String id) {
        return human != null && human.equalsIgnoreCase(id);
    }

    public String captain() {
        return captain;
    }

    /** The agents, without the human. */
    public List<Agent> agents() {
        return byLowerId.values().stream().filter(a -> !isHuman(a.id())).toList();
    }

    /** Every mailbox: the agents' and the human's. */
    public List<String> ids() {
        return byLowerId.values().stream().map(Agent::id).toList();
    }

    /** Case-insensitive lookup: {@code agent-7} finds {@code Agent-7}. */
    public Optional<Agent> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byLowerId.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    /** The roster id a recipient's name stands for: an id in any case, or the captain for "captain". */
    public Optional<String> idOf(String name) {
        if (name != null && name.trim().equalsIgnoreCase("captain")) {
            return Optional.of(captain);
        }
        return find(name).map(Agent::id);
    }

    /** Every roster id written in free text, in roster order ("Captain Agent-4 + Co-Captain Agent-6"). */
    public List<String> idsNamedIn(String text) {
        List<String> ids = new ArrayList<>();
        if (text != null) {
            idInText.forEach((id, pattern) -> {
                if (pattern.matcher(text).find()) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }

    /** Whether free text speaks of the captain by title ("Captain", "Captain (Agent-4)"). */
    public boolean mentionsCaptain(String text) {
        return text != null && CAPTAIN_WORD.matcher(text).find();
    }

    /**
     * The agent a free-text sender stands for: a roster id it names, else the captain when it says "Captain";
     * empty for humans and systems ("General", "Discord").
     */
    public Optional<String> agentOf(String sender) {
        List<String> ids = idsNamedIn(sender);
        if (!ids.isEmpty()) {
            return Optional.of(ids.get(0));
        }
        return mentionsCaptain(sender) ? Optional.of(captain) : Optional.empty();
    }

    public boolean isCaptain(String id) {
        return captain.equalsIgnoreCase(id);
    }

    /** Every active agent except {@code exclude} (may be null), captain last: the order of broadcasts. */
    public List<String> broadcastOrder(String exclude) {
        List<String> order = new ArrayList<>();
        for (Agent agent : byLowerId.values()) {
            if (agent.active() && !agent.id().equalsIgnoreCase(exclude) && !isCaptain(agent.id())
                    && !isHuman(agent.id())) {
                order.add(agent.id());
            }
        }
        Agent captainAgent = byLowerId.get(captain.toLowerCase(Locale.ROOT));
        if (captainAgent.active() && !captain.equalsIgnoreCase(exclude)) {
            order.add(captain);
        }
        return order;
    }
}
