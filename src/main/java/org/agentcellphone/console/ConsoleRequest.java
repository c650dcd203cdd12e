package org.agentcellphone.console;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the console, as the console needs it: read from the request itself (headers are never taken
 * from query parameters).
 *
 * @param params       query and form parameters, each with all its values
 * @param body         the body when it is not a form (JSON), else empty
 * @param tokenHeader  {@code X-Cellphone-Token}, or null
 * @param cookieToken  the console's session cookie, or null
 * @param origin       {@code Origin}, or null
 * @param host         {@code Host} ({@code 127.0.0.1:8642}), or null
 * @param fetchSite    {@code Sec-Fetch-Site} ({@code same-origin}, {@code cross-site}, …), or null
 * @param fromPage     whether the page's own script (htmx) asked, so it wants HTML back
 */
public record ConsoleRequest(String method, String path, Map<String, List<String>> params, String body,
                             String contentType, String tokenHeader, String cookieToken, String origin, String host,
                             String fetchSite, boolean fromPage) {

    /** The session cookie's name. */
    public static final String COOKIE = "cellphone_console";

    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    public boolean isPost() {
        return "POST".equalsIgnoreCase(method);
    }

    public boolean isJson() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }
}
