package org.agentcellphone.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.model.Sanitize;

/** Strict JSON drops: known fields only, each of the right JSON type. */
final class JsonDropParser {

    private static final Set<String> FIELDS = Set.of("id", "from", "to", "priority", "type", "tags", "subject",
            "in_reply_to", "mode", "ack_required", "content");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // a drop is exactly one object: a second one or trailing text makes the whole drop malformed
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonDropParser() {
    }

    static Draft parse(String text) throws DropParseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED,
                    "not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new DropParseException(Rejection.of(ReasonCode.MALFORMED, "a JSON drop must be one object"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + Sanitize.forDetail(name) + "'");
            }
        }
        return new Draft(false,
                text(root, "id"),
                text(root, "from"),
                recipients(root.get("to")),
                text(root, "priority"),
                text(root, "type"),
                tags(root.get("tags")),
                text(root, "subject"),
                text(root, "in_reply_to"),
                text(root, "mode"),
                flag(root, "ack_required"),
                lineEnds(text(root, "content")));
    }

    /** Content written on Windows ({@code "line1\r\nline2"}) keeps its text, with LF line ends. */
    private static String lineEnds(String content) {
        return content == null || content.indexOf('\r') < 0 ? content
                : content.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A JSON boolean, as "true" or "false"; null when absent. */
    private static String flag(JsonNode root, String field) throws DropParseException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid("'" + field + "' must be true or false, not " + node.getNodeType().name().toLowerCase());
        }
        return String.valueOf(node.booleanValue());
    }

    private static String text(JsonNode root, String field) throws DropParseException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("'" + field + "' must be a string, not " + node.getNodeType().name().toLowerCase());
        }
        return node.textValue();
    }

    private static List<String> recipients(JsonNode node) throws DropParseException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw invalid("'to' must be a string or an array of strings");
        }
        return strings(node, "to");
    }

    private static List<String> tags(JsonNode node) throws DropParseException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("'tags' must be an array of strings");
        }
        return strings(node, "tags");
    }

    private static List<String> strings(JsonNode array, String field) throws DropParseException {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw invalid("every item of '" + field + "' must be a string");
            }
            values.add(item.textValue());
        }
        return values;
    }

    private static DropParseException invalid(String detail) {
        return new DropParseException(Rejection.of(ReasonCode.INVALID_FIELD, detail));
    }
}
