package org.agentcellphone.console;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what. Every request but the page's static assets needs the console token: in the
 * {@code X-Cellphone-Token} header (scripts), or in the session cookie (the page). A request that changes state on
 * the cookie alone must come from the console's own page: same origin, never JSON (a cross-site page can post a form,
 * but cannot send a custom header or JSON without the browser asking first, which the console never allows).
 */
final class Access {

    private final ConsoleToken token;

    Access(ConsoleToken token) {
        this.token = token;
    }

    /** Why the request is refused (403), or empty when it may go on. */
    Optional<String> refusal(ConsoleRequest r) {
        if (token.matches(r.tokenHeader())) {
            return Optional.empty();
        }
        if (r.tokenHeader() != null) {
            return Optional.of("the X-Cellphone-Token header is not the console token");
        }
        if (!token.matches(r.cookieToken())) {
            return Optional.of("no console token: open the link the router printed at start (…/?token=…), or send"
                    + " the token of message_queue/state/console.token in the X-Cellphone-Token header");
        }
        if (!r.isPost()) {
            return Optional.empty();
        }
        if (r.isJson()) {
            return Optional.of("a JSON request needs the X-Cellphone-Token header; the cookie alone is not enough");
        }
        if (!sameOrigin(r)) {
            return Optional.of("refused: the request comes from another origin (" + r.origin() + ")");
        }
        return Optional.empty();
    }

    /**
     * The request's Origin is the address the browser opened the console at (directly, through a tunnel, or behind a
     * proxy that keeps the Host), and the browser does not call it cross-site.
     */
    static boolean sameOrigin(ConsoleRequest r) {
        if (r.fetchSite() != null && !r.fetchSite().equalsIgnoreCase("same-origin")) {
            return false;
        }
        if (r.origin() == null || r.host() == null) {
            return false;
        }
        String origin = r.origin().toLowerCase(Locale.ROOT);
        String host = r.host().toLowerCase(Locale.ROOT);
        return origin.equals("http://" + host) || origin.equals("https://" + host);
    }
}
