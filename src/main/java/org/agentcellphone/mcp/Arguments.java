package org.agentcellphone.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, read by name and type. Whatever a client sends, a wrong one is a {@link ToolRefused}
 * naming the argument (the schema check before it may be off or looser than this).
 */
final class Arguments {

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** A text that must be there and not blank. */
    String text(String name, String what) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new ToolRefused("'" + name + "' is required: " + what);
        }
        return value;
    }

    /** A text, or null when not given. */
    String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolRefused("'" + name + "' must be a string, not " + kind(value));
        }
        return text;
    }

    boolean flag(String name) {
        Object value = values.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new ToolRefused("'" + name + "' must be true or false, not " + kind(value));
        }
        return b;
    }

    /** A whole number of at least {@code min}, or {@code otherwise} when not given. */
    int number(String name, int min, int otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolRefused("'" + name + "' must be a whole number, not " + kind(value));
        }
        if (n.doubleValue() < min || n.doubleValue() > Integer.MAX_VALUE) {
            throw new ToolRefused("'" + name + "' must be " + min + " or more");
        }
        return n.intValue();
    }

    /** One text or a list of texts, as a list; empty when not given. */
    List<String> texts(String name) {
        Object value = values.get(name);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (value instanceof String one) {
            texts.add(one);
            return texts;
        }
        if (!(value instanceof List<?> list)) {
            throw new ToolRefused("'" + name + "' must be a string or a list of strings, not " + kind(value));
        }
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new ToolRefused("'" + name + "' must hold strings only, not " + kind(item));
            }
            texts.add(text);
        }
        return texts;
    }

    private static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof Number ? "a number" : value.getClass().getSimpleName();
    }
}
