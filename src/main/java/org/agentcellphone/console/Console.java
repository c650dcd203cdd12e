package org.agentcellphone.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Json;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.operations.Operations;
import org.agentcellphone.store.SharedDatabase;
import org.agentcellphone.operations.Reading;
import org.agentcellphone.operations.Sending;
import org.agentcellphone.store.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overseer's console: answers each request to {@code /} and {@code /api/…} with the page, an HTML fragment (when
 * the page's htmx asks) or JSON (scripts). It reads through {@link Overview} and acts through the same operations
 * as the command line — sending as the human, reading and acknowledging the human's messages, requeue, hold, release
 * and delete.
 */
public final class Console {

    private static final Logger LOG = LoggerFactory.getLogger("cellphone");

    /** A message id or an entry's file name in a path: nothing that could name another folder. */
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,250}");
    private static final Pattern MESSAGE = Pattern.compile("/api/messages/([^/]+)(/read|/ack|/receipts)?");
    private static final Pattern DEAD = Pattern.compile("/api/dead-letters/([^/]+)/(requeue|delete)");
    private static final Pattern QUEUED = Pattern.compile("/api/queue/([^/]+)/(hold|release|delete)");

    /** A request the console refuses, with the status it answers. */
    private static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Home home;
    private final Roster roster;
    private final Settings settings;
    private final ConsoleToken token;
    private final Access access;
    private final Overview overview;
    private final Pages pages;
    private final Assets assets = new Assets();
    private final String cookie;

    public Console(Home home, Roster roster, Settings settings, ConsoleToken token) {
        this.home = home;
        this.roster = roster;
        this.settings = settings;
        this.token = token;
        this.access = new Access(token);
        this.overview = new Overview(home, roster, settings);
        this.pages = new Pages(overview.human(), home.root().toString(),
                settings.duration("cellphone.console.refresh").toMillis());
        // cookies are kept per host, not per port: each router's console has its own
        this.cookie = ConsoleRequest.COOKIE + "_" + settings.number("cellphone.http.port");
    }

    /** The session cookie's name for this console. */
    public String cookieName() {
        return cookie;
    }

    /** The link that opens the console and keeps its token in the browser. */
    public String link() {
        return "http://" + settings.text("cellphone.http.host") + ":" + settings.number("cellphone.http.port")
                + "/?token=" + token.value();
    }

    public ConsoleReply handle(ConsoleRequest r) {
        try {
            return secured(answer(r));
        } catch (Refused refused) {
            return secured(error(r, refused.status, refused.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: {} {} failed: {}", r.method(), r.path(), e.toString());
            return secured(error(r, 500, "the console could not answer: " + e.getMessage()));
        }
    }

    private ConsoleReply answer(ConsoleRequest r) throws IOException, Refused {
        if (r.path().startsWith("/assets/")) {
            return assets.serve(r.path().substring("/assets/".length()));
        }
        if (r.path().equals("/") && r.param("token") != null && !r.isPost()) {
            if (!token.matches(r.param("token"))) {
                return ConsoleReply.html(403, Pages.forbidden("That link holds an old or wrong token."));
            }
            // the token goes into a cookie that only this origin's own requests carry, then out of the address bar
            return new ConsoleReply(303, ConsoleReply.HTML, new byte[0], new LinkedHashMap<>())
                    .with("Location", "/")
                    .with("Set-Cookie", cookie + "=" + token.value() + "; Path=/; HttpOnly; SameSite=Strict");
        }
        Optional<String> refusal = access.refusal(r);
        if (refusal.isPresent()) {
            throw new Refused(403, refusal.get());
        }
        Instant now = Instant.now();
        String path = r.path();
        if (!r.isPost() && !r.method().equalsIgnoreCase("GET")) {
            throw new Refused(405, r.method() + " is not answered here");
        }
        if (path.equals("/") && !r.isPost()) {
            return ConsoleReply.html(200, pages.page(overview.agents(), overview.stats(),
                    overview.messages(null, 100), overview.inbox(), overview.queue(), overview.deadLetters(), now));
        }
        if (r.isPost()) {
            return act(r, path);
        }
        return switch (path) {
            case "/api/agents" -> {
                var agents = overview.agents();
                yield r.fromPage() ? polled(r, pages.agents(agents, now))
                        : json(200, Map.of("human", overview.human(), "agents", agents));
            }
            case "/api/messages" -> {
                String agent = agentFilter(r.param("agent"));
                var messages = overview.messages(agent, limit(r.param("limit")));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("agent", agent);
                body.put("messages", messages);
                yield r.fromPage() ? polled(r, pages.flow(messages, now)) : json(200, body);
            }
            case "/api/inbox" -> {
                var inbox = overview.inbox();
                yield r.fromPage() ? polled(r, pages.inbox(inbox, now))
                        : json(200, Map.of("agent", overview.human(), "messages", inbox));
            }
            case "/api/dead-letters" -> {
                var dead = overview.deadLetters();
                yield r.fromPage() ? polled(r, pages.dead(dead, now)) : json(200, Map.of("dead_letters", dead));
            }
            case "/api/queue" -> {
                var queue = overview.queue();
                yield r.fromPage() ? polled(r, pages.queue(queue, now)) : json(200, Map.of("entries", queue));
            }
            case "/api/stats" -> {
                var stats = overview.stats();
                yield r.fromPage() ? polled(r, pages.stats(stats)) : json(200, stats);
            }
            default -> {
                Matcher m = MESSAGE.matcher(path);
                if (m.matches() && m.group(2) == null) {
                    String id = item(m.group(1));
                    var detail = overview.message(id);
                    if (detail == null) {
                        throw new Refused(404, "no message " + id + " is known");
                    }
                    boolean toHuman = detail.message().to().stream().anyMatch(overview.human()::equalsIgnoreCase);
                    yield r.fromPage() ? fragment(pages.detail(detail, now, toHuman)) : json(200, detail);
                }
                if (m.matches() && m.group(2).equals("/receipts")) {
                    String id = item(m.group(1));
                    var receipts = overview.receipts(id);
                    if (receipts.isEmpty()) {
                        throw new Refused(404, "no message " + id + " is known");
                    }
                    yield r.fromPage() ? polled(r, pages.receipts(receipts, now))
                            : json(200, Map.of("id", id, "recipients", receipts));
                }
                throw new Refused(404, "nothing at " + path);
            }
        };
    }

    private ConsoleReply act(ConsoleRequest r, String path) throws IOException, Refused {
        if (path.equals("/api/messages")) {
            return compose(r);
        }
        Matcher message = MESSAGE.matcher(path);
        if (message.matches() && message.group(2) != null && !message.group(2).equals("/receipts")) {
            return answerTo(r, item(message.group(1)), message.group(2).equals("/ack"));
        }
        Matcher dead = DEAD.matcher(path);
        Matcher queued = QUEUED.matcher(path);
        String what;
        String action;
        if (dead.matches()) {
            what = dead.group(1);
            action = dead.group(2);
        } else if (queued.matches()) {
            what = queued.group(1);
            action = queued.group(2).equals("delete") ? "delete-queued" : queued.group(2);
        } else {
            throw new Refused(404, "nothing to do at " + path);
        }
        List<String> ids = List.of(what.equals("ALL") && action.equals("requeue") ? "ALL" : item(what));
        Operations operations = new Operations(home, roster, SharedDatabase.storeForCommands(settings,
                agent -> roster.find(agent).map(Agent::host).orElse(null)));
        List<Operations.Done> done;
        try {
            done = switch (action) {
                case "requeue" -> operations.requeue(ids);
                case "delete" -> operations.deleteDeadLetters(ids, "deleted from the console");
                case "delete-queued" -> operations.deleteWaiting(ids, "deleted from the console");
                case "hold" -> operations.hold(ids);
                default -> operations.release(ids);
            };
        } catch (Operations.Unmatched unmatched) {
            throw new Refused(404, unmatched.getMessage());
        }
        String verb = switch (action) {
            case "requeue" -> "requeued";
            case "hold" -> "held";
            case "release" -> "released";
            default -> "deleted";
        };
        String summary = done.isEmpty() ? "nothing " + verb : verb + " " + done.size() + " (" + String.join(", ",
                done.stream().map(d -> d.id() + (d.recipient() == null ? "" : " for " + d.recipient())
                        + (d.note() == null ? "" : ": " + d.note())).toList()) + ")";
        return r.fromPage() ? fragment(Pages.notice(true, summary)).with("HX-Trigger", "refresh")
                : json(200, Map.of("done", done));
    }

    /** A message from the human: to agents, several, the captain or all; urgent or not. */
    private ConsoleReply compose(ConsoleRequest r) throws IOException, Refused {
        JsonNode json = r.isJson() ? body(r) : null;
        List<String> names = new ArrayList<>();
        String content;
        String subject;
        boolean urgent;
        boolean ackRequired;
        if (json != null) {
            JsonNode to = json.path("to");
            if (to.isArray()) {
                to.forEach(n -> names.add(n.asText()));
            } else if (to.isTextual()) {
                names.add(to.asText());
            }
            content = json.path("content").isTextual() ? json.path("content").asText() : null;
            subject = json.path("subject").isTextual() ? json.path("subject").asText() : null;
            urgent = json.path("urgent").asBoolean(false) || "urgent".equalsIgnoreCase(json.path("priority").asText());
            ackRequired = json.path("ack_required").asBoolean(false);
        } else {
            names.addAll(r.params("to"));
            content = r.param("content");
            subject = r.param("subject");
            urgent = "true".equals(r.param("urgent"));
            ackRequired = "true".equals(r.param("ack_required"));
        }
        if (content == null || content.isBlank()) {
            throw new Refused(400, "the message has no text ('content')");
        }
        if (subject != null && subject.isBlank()) {
            subject = null;
        }
        String human = overview.human();
        Sending sending = new Sending(home, roster, settings);
        List<String> recipients;
        try {
            recipients = sending.recipients(names.stream().filter(n -> !n.isBlank()).toList(), human);
        } catch (Sending.BadRecipients bad) {
            throw new Refused(400, bad.getMessage().replace("'to' is required", "choose whom to send it to ('to')"));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", human);
        fields.put("to", recipients.size() == 1 ? recipients.get(0) : recipients);
        fields.put("priority", urgent ? "urgent" : "regular");
        fields.put("type", names.stream().anyMatch(n -> n.strip().equalsIgnoreCase("all"))
                ? MessageType.BROADCAST.wire() : null);
        fields.put("subject", subject);
        fields.put("ack_required", ackRequired ? Boolean.TRUE : null);
        fields.put("content", content);
        String id = OutboxWriter.newId();
        try {
            sending.post(id, urgent, fields);
        } catch (Sending.QueueFull full) {
            throw new Refused(503, full.getMessage());
        } catch (Sending.TooLarge large) {
            throw new Refused(413, large.getMessage());
        }
        LOG.info("console: {} sent {} to {}", human, id, String.join(", ", recipients));
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("id", id);
        sent.put("from", human);
        sent.put("to", recipients);
        sent.put("priority", urgent ? "urgent" : "regular");
        return r.fromPage()
                ? fragment(Pages.notice(true, "sent " + id + " to " + String.join(", ", recipients)))
                        .with("HX-Trigger", "refresh, sent")
                : json(201, sent);
    }

    /** The human reads or acknowledges (with an optional reply) a message addressed to it. */
    private ConsoleReply answerTo(ConsoleRequest r, String id, boolean ack) throws IOException, Refused {
        String human = overview.human();
        Reading reading = new Reading(home, roster, settings);
        String reply = r.isJson() ? body(r).path("reply").asText(null) : r.param("reply");
        if (reply != null && reply.isBlank()) {
            reply = null;
        }
        try {
            if (!ack) {
                reading.read(id, human, "console");
                return r.fromPage() ? fragment(Pages.notice(true, "marked " + id + " read")).with("HX-Trigger", "refresh")
                        : json(200, Map.of("id", id, "state", "read"));
            }
            Reading.Ack done = reading.ack(id, human, reply, "console");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("state", "acked");
            body.put("reply_id", done.replyId());
            return r.fromPage() ? fragment(Pages.notice(true, "acknowledged " + id
                    + (done.replyId() == null ? "" : ", replied to " + done.replyTo()))).with("HX-Trigger", "refresh")
                    : json(200, body);
        } catch (Reading.NotDelivered missing) {
            throw new Refused(404, missing.getMessage());
        } catch (Reading.NoOneToReplyTo nobody) {
            throw new Refused(400, nobody.getMessage());
        } catch (Sending.QueueFull full) {
            throw new Refused(503, full.getMessage());
        } catch (Sending.TooLarge large) {
            throw new Refused(413, large.getMessage());
        }
    }

    private String agentFilter(String agent) throws Refused {
        if (agent == null || agent.isBlank()) {
            return null;
        }
        return roster.idOf(agent).orElseThrow(() -> new Refused(400, "unknown agent '" + agent + "'; known: "
                + String.join(", ", roster.ids())));
    }

    private static int limit(String text) throws Refused {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= Overview.MAX_LISTED) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new Refused(400, "'limit' must be a number from 1 to " + Overview.MAX_LISTED);
    }

    private static String item(String text) throws Refused {
        if (!ITEM.matcher(text).matches() || text.contains("..")) {
            throw new Refused(400, "'" + text + "' is not a message id or an entry's name");
        }
        return text;
    }

    private static JsonNode body(ConsoleRequest r) throws Refused {
        try {
            JsonNode json = Json.MAPPER.readTree(r.body() == null ? "" : r.body());
            if (json == null || !json.isObject()) {
                throw new Refused(400, "the body must be one JSON object");
            }
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            throw new Refused(400, "the body is not JSON: " + notJson.getOriginalMessage());
        }
    }

    /** A part the page refreshes: "unchanged" when the page has this version already, else the part with its own. */
    private static ConsoleReply polled(ConsoleRequest r, String html) {
        String version = Pages.version(html);
        if (version.equals(r.param("v"))) {
            return new ConsoleReply(204, ConsoleReply.HTML, new byte[0], new LinkedHashMap<>());
        }
        return fragment(Pages.versioned(html, version));
    }

    private static ConsoleReply fragment(String html) {
        return ConsoleReply.html(200, html);
    }

    private static ConsoleReply json(int status, Object value) throws IOException {
        return ConsoleReply.json(status, Json.MAPPER.writer().without(
                com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
    }

    private ConsoleReply error(ConsoleRequest r, int status, String message) {
        if (r.fromPage()) {
            return ConsoleReply.html(status, Pages.notice(false, message));
        }
        if (r.path().startsWith("/api/")) {
            try {
                return json(status, Map.of("error", message));
            } catch (IOException impossible) {
                return ConsoleReply.html(status, Html.text(message));
            }
        }
        return ConsoleReply.html(status, Pages.forbidden(message));
    }

    /**
     * Every answer: no framing by other sites, scripts only from the console itself (an agent's text that slipped
     * through as markup would still not run), nothing cached.
     */
    private static ConsoleReply secured(ConsoleReply reply) {
        return reply.with("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' "
                        + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .with("X-Content-Type-Options", "nosniff")
                .with("Referrer-Policy", "no-referrer")
                .with("Cache-Control", reply.headers().getOrDefault("Cache-Control", "no-store"));
    }
}
