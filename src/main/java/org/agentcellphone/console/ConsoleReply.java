package org.agentcellphone.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the console answers: a status, a content type, a body and the few headers it sets itself. */
public record ConsoleReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";

    public static ConsoleReply html(int status, String html) {
        return new ConsoleReply(status, HTML, html.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public static ConsoleReply json(int status, String json) {
        return new ConsoleReply(status, JSON, json.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public ConsoleReply with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new ConsoleReply(status, contentType, body, more);
    }
}
