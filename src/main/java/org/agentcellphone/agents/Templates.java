package org.agentcellphone.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Onboarding and wrap-up texts: {@code <home>/config/templates/<name>.md} when present, else the built-in one.
 * Known placeholders are filled (empty when there is no value); an unknown one stays visible, so a typo shows.
 */
public final class Templates {

    public static final Set<String> PLACEHOLDERS = Set.of("agent_id", "role", "description", "contract_info",
            "custom_message", "style");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)\\}");

    private Templates() {
    }

    public static String load(Path home, String name) throws IOException {
        Path own = home.resolve("config/templates").resolve(name + ".md");
        if (Files.isRegularFile(own)) {
            return Files.readString(own, StandardCharsets.UTF_8);
        }
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name + ".md")) {
            if (in == null) {
                throw new IOException("no built-in template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = PLACEHOLDERS.contains(key) ? values.getOrDefault(key, "") : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
