package org.agentcellphone.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code config/agents.yaml}; without it, the built-in roster. Every problem is reported with the file and
 * line it is on, so a broken roster stops the router with a message that says where to look.
 *
 * <pre>
 * captain: Agent-4
 * agents:
 *   - id: Agent-1
 *     role: Integration &amp; Core Systems Specialist
 *     description: …
 *     active: true
 *     chat_input: [-1269, 481]
 *     onboarding_input: [-1265, 171]
 *   - id: Agent-2
 *     wake: tmux
 *     tmux: swarm:agent-2
 *     host: build-2
 * </pre>
 */
public final class RosterFile {

    /** A host name as {@code cellphone.host} gives it: the machine's own, or one chosen. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    /** A roster file that cannot be used, with where and why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(Path file, int line, String problem) {
            super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        }
    }

    private RosterFile() {
    }

    public static Path location(Path home) {
        return home.resolve("config/agents.yaml");
    }

    public static Roster load(Path home) throws IOException {
        Path file = location(home);
        if (!Files.isRegularFile(file)) {
            return Roster.defaults();
        }
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    static Roster parse(Path file, String text) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            throw new Invalid(file, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "not valid YAML: " + e.getProblem());
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
            throw new Invalid(file, root.map(RosterFile::line).orElse(0), "expected 'captain:' and 'agents:' keys");
        }
        String captain = null;
        List<Agent> agents = new ArrayList<>();
        int captainLine = line(top);
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(file, entry.getKeyNode());
            switch (key) {
                case "captain" -> {
                    captain = scalar(file, entry.getValueNode());
                    captainLine = line(entry.getValueNode());
                }
                case "agents" -> {
                    if (!(entry.getValueNode() instanceof SequenceNode list)) {
                        throw new Invalid(file, line(entry.getValueNode()), "'agents' must be a list");
                    }
                    for (Node item : list.getValue()) {
                        agents.add(agent(file, item));
                    }
                }
                default -> throw new Invalid(file, line(entry.getKeyNode()), "unknown key '" + key + "'");
            }
        }
        if (agents.isEmpty()) {
            throw new Invalid(file, line(top), "the roster lists no agents");
        }
        try {
            return new Roster(agents, captain == null ? "Agent-4" : captain);
        } catch (IllegalArgumentException e) {
            throw new Invalid(file, captainLine, e.getMessage());
        }
    }

    private static Agent agent(Path file, Node node) {
        if (!(node instanceof MappingNode map)) {
            throw new Invalid(file, line(node), "each agent must be a mapping with at least 'id'");
        }
        String id = null;
        String role = null;
        String description = null;
        boolean active = true;
        Point chat = null;
        Point onboarding = null;
        String wake = null;
        String tmux = null;
        String host = null;
        for (NodeTuple entry : map.getValue()) {
            String key = scalar(file, entry.getKeyNode());
            Node value = entry.getValueNode();
            switch (key) {
                case "id" -> {
                    id = scalar(file, value);
                    if (!Roster.ID_PATTERN.matcher(id).matches()) {
                        throw new Invalid(file, line(value), "agent id '" + id + "' may only hold letters, digits, '_' and '-'");
                    }
                }
                case "role" -> role = scalar(file, value);
                case "description" -> description = scalar(file, value);
                case "active" -> {
                    String flag = scalar(file, value);
                    if (!flag.equals("true") && !flag.equals("false")) {
                        throw new Invalid(file, line(value), "'active' must be true or false, not '" + flag + "'");
                    }
                    active = Boolean.parseBoolean(flag);
                }
                case "chat_input" -> chat = point(file, value);
                case "onboarding_input" -> onboarding = point(file, value);
                case "wake" -> {
                    wake = scalar(file, value).toLowerCase(java.util.Locale.ROOT);
                    if (!Agent.WAKES.contains(wake)) {
                        throw new Invalid(file, line(value), "'wake' must be tmux, gui or none, not '" + wake + "'");
                    }
                }
                case "tmux" -> {
                    tmux = scalar(file, value);
                    if (tmux.isEmpty() || tmux.startsWith("-") || tmux.chars().anyMatch(Character::isISOControl)) {
                        throw new Invalid(file, line(value), "'tmux' must be a tmux target such as swarm:3 or %12");
                    }
                }
                case "host" -> {
                    host = scalar(file, value);
                    if (!HOST.matcher(host).matches()) {
                        throw new Invalid(file, line(value), "'host' must be a host name (letters, digits, '.', '_', "
                                + "'-'), not '" + host + "'");
                    }
                }
                default -> throw new Invalid(file, line(entry.getKeyNode()), "unknown agent key '" + key + "'");
            }
        }
        if (id == null) {
            throw new Invalid(file, line(node), "an agent has no 'id'");
        }
        if ("tmux".equals(wake) && tmux == null) {
            throw new Invalid(file, line(node), "agent " + id + " has 'wake: tmux' but no 'tmux' target (its pane)");
        }
        if (wake == null && tmux != null) {
            // a pane named is a pane to wake
            wake = "tmux";
        }
        return new Agent(id, role == null ? "" : role, description == null ? role == null ? "" : role : description,
                active, chat, onboarding, wake, tmux, host);
    }

    private static Point point(Path file, Node node) {
        if (node instanceof SequenceNode seq && seq.getValue().size() == 2) {
            try {
                return new Point(Integer.parseInt(scalar(file, seq.getValue().get(0))),
                        Integer.parseInt(scalar(file, seq.getValue().get(1))), "config/agents.yaml");
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new Invalid(file, line(node), "a screen point must be [x, y] with two whole numbers");
    }

    private static String scalar(Path file, Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue().strip();
        }
        throw new Invalid(file, line(node), "expected a single value here");
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
