package org.agentcellphone.console;

import static org.agentcellphone.console.Html.time;
import static org.agentcellphone.console.Html.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agentcellphone.console.Overview.AgentView;
import org.agentcellphone.console.Overview.DeadView;
import org.agentcellphone.console.Overview.MessageDetail;
import org.agentcellphone.console.Overview.MessageView;
import org.agentcellphone.console.Overview.QueuedView;
import org.agentcellphone.console.Overview.RecipientView;
import org.agentcellphone.console.Overview.Stats;
import org.agentcellphone.operations.Tracking;

/**
 * The console's HTML: the page, and the fragments htmx swaps into it on each refresh and after each action. Every
 * value from the home goes through {@link Html#text}.
 */
final class Pages {

    /**
     * htmx without script tags or eval in what it swaps in (the page's policy forbids them anyway), only to its own
     * origin, and with error answers shown (htmx leaves them out by default).
     */
    private static final String HTMX_CONFIG = "{\"allowScriptTags\":false,\"allowEval\":false,"
            + "\"selfRequestsOnly\":true,\"historyCacheSize\":0,\"responseHandling\":[{\"code\":\"204\",\"swap\":false},"
            + "{\"code\":\"[2345]..\",\"swap\":true}]}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z]+}");

    /** The page; each {name} is filled in by {@link #page}. */
    private static final String PAGE = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Agent Cellphone console</title>
                <meta name="htmx-config" content='{htmxConfig}'>
                <link rel="stylesheet" href="/assets/console.css">
                <script src="/assets/htmx.min.js"></script>
                <script src="/assets/console.js"></script>
                </head>
                <body>
                <header>
                  <h1>Agent Cellphone</h1>
                  <span class="where">{home}</span>
                  <span class="who">you are <b>{human}</b></span>
                  <output id="notice" role="status"></output>
                </header>
                <main>
                <section id="agents-section" class="wide">
                  <h2>Agents</h2>
                  <div id="agents" hx-get="/api/agents" hx-include="find input[name=v]" hx-trigger="{refresh}">{agents}</div>
                </section>
                <section id="flow-section" class="double">
                  <h2>Messages</h2>
                  <form id="flow-filter"><label>Agent <select name="agent" hx-get="/api/messages" hx-target="#flow"
                    hx-trigger="change"><option value="">everyone</option>{agentOptions}<option value="{human}">{human}</option></select></label>
                  </form>
                  <div id="flow" hx-get="/api/messages" hx-include="#flow-filter, find input[name=v]" hx-trigger="{refresh}">{flow}</div>
                </section>
                <section id="detail-section">
                  <h2>Message</h2>
                  <div id="detail"><p class="quiet">Pick a message above to read it in full, with its receipts and thread.</p></div>
                </section>
                <section id="compose-section">
                  <h2>Compose</h2>
                  <form id="compose" hx-post="/api/messages" hx-target="#notice">
                    <fieldset class="to"><legend>To</legend>{recipients}
                      <label><input type="checkbox" name="to" value="captain">the captain</label>
                      <label><input type="checkbox" name="to" value="all">all agents</label>
                    </fieldset>
                    <input name="subject" placeholder="Subject (optional)" maxlength="200">
                    <textarea name="content" rows="5" placeholder="Message (Markdown)" required></textarea>
                    <div class="options">
                      <label><input type="checkbox" name="urgent" value="true">urgent</label>
                      <label><input type="checkbox" name="ack_required" value="true">ask for an acknowledgement</label>
                      <button type="submit">Send as {human}</button>
                    </div>
                  </form>
                </section>
                <section id="inbox-section">
                  <h2>Inbox of {human}</h2>
                  <div id="inbox" hx-get="/api/inbox" hx-include="find input[name=v]" hx-trigger="{refresh}">{inbox}</div>
                </section>
                <section id="stats-section">
                  <h2>Queue</h2>
                  <div id="stats" hx-get="/api/stats" hx-include="find input[name=v]" hx-trigger="{refresh}">{stats}</div>
                </section>
                <section id="queue-section">
                  <h2>Waiting and held</h2>
                  <div id="queue" hx-get="/api/queue" hx-include="find input[name=v]" hx-trigger="{refresh}">{queue}</div>
                </section>
                <section id="dead-section" class="double">
                  <h2>Dead letter</h2>
                  <div id="dead" hx-get="/api/dead-letters" hx-include="find input[name=v]" hx-trigger="{refresh}">{dead}</div>
                </section>
                </main>
                </body>
                </html>
                """;

    private final String human;
    private final String home;
    private final String refresh;

    Pages(String human, String home, long refreshMillis) {
        this.human = human;
        this.home = home;
        this.refresh = "every " + refreshMillis + "ms, refresh from:body";
    }

    /** The whole page, with every part filled in already (then refreshed in place). */
    String page(List<AgentView> agents, Stats stats, List<MessageView> flow, List<Tracking.InboxItem> inbox,
                List<QueuedView> queue, List<DeadView> dead, Instant now) {
        StringBuilder agentOptions = new StringBuilder();
        StringBuilder recipients = new StringBuilder();
        for (AgentView a : agents) {
            agentOptions.append("<option value=\"").append(text(a.id())).append("\">").append(text(a.id()))
                    .append("</option>");
            recipients.append("<label><input type=\"checkbox\" name=\"to\" value=\"").append(text(a.id()))
                    .append("\">").append(text(a.id())).append(a.captain() ? " (captain)" : "").append("</label>");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("{htmxConfig}", text(HTMX_CONFIG));
        parts.put("{home}", text(home));
        parts.put("{human}", text(human));
        parts.put("{refresh}", refresh);
        parts.put("{agentOptions}", agentOptions.toString());
        parts.put("{recipients}", recipients.toString());
        parts.put("{agents}", versioned(agents(agents, now)));
        parts.put("{flow}", versioned(flow(flow, now)));
        parts.put("{inbox}", versioned(inbox(inbox, now)));
        parts.put("{stats}", versioned(stats(stats)));
        parts.put("{queue}", versioned(queue(queue, now)));
        parts.put("{dead}", versioned(dead(dead, now)));
        // one pass over the page: what is filled in is never read again for placeholders
        return PLACEHOLDER.matcher(PAGE).replaceAll(m -> Matcher.quoteReplacement(parts.get(m.group())));
    }

    /**
     * A part of the page that refreshes itself, with its version: the next refresh sends it back, and the console
     * answers "unchanged" (204, nothing swapped) while it is the same, so what the user points at stays in place.
     */
    static String versioned(String fragment) {
        return versioned(fragment, version(fragment));
    }

    static String versioned(String fragment, String version) {
        return fragment + "<input type=\"hidden\" name=\"v\" value=\"" + version + "\">";
    }

    static String version(String fragment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fragment.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    String agents(List<AgentView> agents, Instant now) {
        StringBuilder rows = new StringBuilder();
        for (AgentView a : agents) {
            rows.append("<tr data-agent=\"").append(text(a.id())).append("\"").append(a.active() ? "" : " class=\"inactive\"")
                    .append("><td class=\"id\">").append(text(a.id())).append(a.captain() ? " <span class=\"badge\">captain</span>" : "")
                    .append("</td><td>").append(text(a.role()))
                    .append("</td><td class=\"status").append(a.stale() ? " stale" : "").append("\" title=\"status.json: ")
                    .append(text(a.statusFile())).append("\">").append(a.status() == null ? "–" : text(a.status()))
                    .append(a.stale() && a.status() != null ? " <span class=\"badge\">stale</span>" : "")
                    .append("</td><td>").append(text(a.mission()))
                    .append("</td><td class=\"num unread\">").append(a.unread())
                    .append("</td><td class=\"num awaiting\">").append(a.awaitingAck())
                    .append("</td><td>").append(time(a.lastDelivery(), now))
                    .append("</td><td>").append(text(a.wake())).append(a.tmux() == null ? "" : " <code>" + text(a.tmux()) + "</code>")
                    .append("</td><td class=\"lane ").append(text(a.lane())).append("\">").append(text(a.lane()))
                    .append(a.waiting() > 0 ? " (" + a.waiting() + " waiting)" : "")
                    .append("</td></tr>");
        }
        return "<table class=\"agents\"><thead><tr><th>Agent</th><th>Role</th><th>Status</th><th>Mission</th>"
                + "<th>Unread</th><th>Awaiting ack</th><th>Last delivery</th><th>Wake</th><th>Lane</th></tr></thead>"
                + "<tbody>" + rows + "</tbody></table>";
    }

    String flow(List<MessageView> messages, Instant now) {
        if (messages.isEmpty()) {
            return "<p class=\"quiet\">No messages yet.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (MessageView m : messages) {
            rows.append("<tr class=\"msg\" data-id=\"").append(text(m.id())).append("\" hx-get=\"/api/messages/")
                    .append(text(m.id())).append("\" hx-target=\"#detail\" tabindex=\"0\"><td>")
                    .append(time(m.acceptedAt(), now)).append("</td><td class=\"from\">").append(text(m.from()))
                    .append("</td><td class=\"priority ").append(text(m.priority())).append("\">").append(text(m.priority()))
                    .append("</td><td class=\"subject\">")
                    .append(m.inReplyTo() == null ? "" : "<span class=\"reply\" title=\"in reply to " + text(m.inReplyTo())
                            + "\">↩</span> ")
                    .append(text(m.subject() != null ? m.subject() : m.preview()))
                    .append("</td><td class=\"recipients\">").append(recipients(m.recipients())).append("</td></tr>");
        }
        return "<table class=\"flow\"><thead><tr><th>Sent</th><th>From</th><th>Priority</th><th>Subject</th>"
                + "<th>To, and where it stands</th></tr></thead><tbody>" + rows + "</tbody></table>";
    }

    private static String recipients(List<RecipientView> recipients) {
        StringBuilder chips = new StringBuilder();
        for (RecipientView r : recipients) {
            chips.append("<span class=\"chip ").append(text(r.state())).append("\" data-agent=\"").append(text(r.agent()))
                    .append("\" title=\"").append(text(r.agent())).append(": ").append(text(r.state()))
                    .append(r.detail() == null ? "" : " (" + text(r.detail()) + ")").append("\">")
                    .append(text(r.agent())).append(" <b>").append(text(r.detail() != null ? r.detail() : r.state()))
                    .append("</b></span> ");
        }
        return chips.toString();
    }

    String detail(MessageDetail d, Instant now, boolean toHuman) {
        MessageView m = d.message();
        StringBuilder html = new StringBuilder();
        html.append("<article class=\"message\" data-id=\"").append(text(m.id())).append("\"><dl>")
                .append("<dt>Id</dt><dd><code>").append(text(m.id())).append("</code></dd>")
                .append("<dt>From</dt><dd>").append(text(m.from())).append("</dd>")
                .append("<dt>To</dt><dd>").append(text(String.join(", ", m.to()))).append("</dd>")
                .append("<dt>Priority</dt><dd>").append(text(m.priority())).append(m.ackRequired() ? ", acknowledgement asked" : "")
                .append("</dd><dt>Sent</dt><dd>").append(time(m.acceptedAt(), now)).append("</dd>");
        if (m.subject() != null) {
            html.append("<dt>Subject</dt><dd>").append(text(m.subject())).append("</dd>");
        }
        html.append("</dl>");
        if (d.parent() != null || m.inReplyTo() != null || !d.replies().isEmpty()) {
            html.append("<div class=\"thread\"><h3>Thread</h3><ol>");
            if (d.parent() != null) {
                html.append(threadItem(d.parent(), "in reply to"));
            } else if (m.inReplyTo() != null) {
                html.append("<li>in reply to <code>").append(text(m.inReplyTo())).append("</code> (no longer known)</li>");
            }
            for (MessageView reply : d.replies()) {
                html.append(threadItem(reply, "reply"));
            }
            html.append("</ol></div>");
        }
        html.append("<pre class=\"text\">").append(text(d.text())).append("</pre>");
        // the receipts follow the message while it is shown
        html.append("<div class=\"receipts\" hx-get=\"/api/messages/").append(text(m.id()))
                .append("/receipts\" hx-include=\"find input[name=v]\" hx-trigger=\"").append(refresh).append("\">")
                .append(versioned(receipts(d.receipts(), now))).append("</div>");
        if (toHuman) {
            String id = text(m.id());
            html.append("<form class=\"ack\" hx-post=\"/api/messages/").append(id).append("/ack\" hx-target=\"#notice\">")
                    .append("<textarea name=\"reply\" rows=\"2\" placeholder=\"Reply (optional)\"></textarea>")
                    .append("<button type=\"submit\">Acknowledge</button>")
                    .append("<button type=\"button\" hx-post=\"/api/messages/").append(id)
                    .append("/read\" hx-target=\"#notice\">Mark read</button></form>");
        }
        return html.append("</article>").toString();
    }

    /** Each recipient's state and the time of each step (as {@code track} shows them). */
    String receipts(List<Tracking.RecipientState> receipts, Instant now) {
        StringBuilder html = new StringBuilder("<table class=\"receipts\"><thead><tr><th>Recipient</th><th>State</th>"
                + "<th>Delivered</th><th>Notified</th><th>Read</th><th>Acked</th><th>Note</th></tr></thead><tbody>");
        for (Tracking.RecipientState r : receipts) {
            html.append("<tr data-agent=\"").append(text(r.agent())).append("\"><td>").append(text(r.agent()))
                    .append("</td><td class=\"state\">").append(text(r.state().wire()))
                    .append("</td><td>").append(time(r.deliveredAt(), now))
                    .append("</td><td>").append(time(r.notifiedAt(), now))
                    .append(r.notifiedBy() == null ? "" : " by " + text(r.notifiedBy()))
                    .append("</td><td>").append(time(r.readAt(), now)).append(r.readBy() == null ? "" : " by " + text(r.readBy()))
                    .append("</td><td>").append(time(r.ackedAt(), now))
                    .append("</td><td>").append(text(r.reason() != null ? r.reason() : r.wakeReason() != null
                            ? "waking: " + r.wake() + ", " + r.wakeReason() : null))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String threadItem(MessageView m, String how) {
        return "<li><a href=\"#\" hx-get=\"/api/messages/" + text(m.id()) + "\" hx-target=\"#detail\">" + text(how)
                + ": " + text(m.from()) + " – " + text(m.subject() != null ? m.subject() : m.preview()) + "</a></li>";
    }

    String inbox(List<Tracking.InboxItem> items, Instant now) {
        if (items.isEmpty()) {
            return "<p class=\"quiet\">Nothing for " + text(human) + " yet. Agents write to " + text(human)
                    + " (<code>send -a " + text(human) + "</code>) to reach you here.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (Tracking.InboxItem i : items) {
            rows.append("<tr class=\"msg").append(i.read() ? " read" : " unread").append("\" data-id=\"").append(text(i.id()))
                    .append("\" hx-get=\"/api/messages/").append(text(i.id())).append("\" hx-target=\"#detail\" tabindex=\"0\">")
                    .append("<td>").append(time(i.deliveredAt(), now)).append("</td><td class=\"from\">").append(text(i.from()))
                    .append("</td><td class=\"priority ").append(text(i.priority())).append("\">").append(text(i.priority()))
                    .append("</td><td class=\"subject\">").append(text(i.subject()))
                    .append("</td><td class=\"state\">").append(text(i.state().wire()))
                    .append(i.ackRequired() && !i.acked() ? " <span class=\"badge\">ack asked</span>" : "")
                    .append("</td></tr>");
        }
        long unread = items.stream().filter(i -> !i.read()).count();
        return "<p>" + unread + " unread of " + items.size() + "</p><table class=\"inbox\"><tbody>" + rows
                + "</tbody></table>";
    }

    String queue(List<QueuedView> entries, Instant now) {
        if (entries.isEmpty()) {
            return "<p class=\"quiet\">Nothing waits.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (QueuedView q : entries) {
            String name = text(q.name());
            rows.append("<tr data-id=\"").append(text(q.id())).append("\" data-name=\"").append(name).append("\"><td>")
                    .append(time(q.acceptedAt(), now)).append("</td><td><code>").append(text(q.id())).append("</code></td><td>")
                    .append(text(q.recipient())).append("</td><td class=\"priority ").append(text(q.priority())).append("\">")
                    .append(text(q.priority())).append("</td><td>").append(text(q.where())).append("</td><td class=\"actions\">");
            if (q.where().equals("held")) {
                rows.append(action("/api/queue/" + name + "/release", "Release"));
            } else if (q.where().equals("pending")) {
                rows.append(action("/api/queue/" + name + "/hold", "Hold"));
            }
            rows.append(action("/api/queue/" + name + "/delete", "Delete")).append("</td></tr>");
        }
        return "<table class=\"queue\"><thead><tr><th>Accepted</th><th>Id</th><th>For</th><th>Priority</th>"
                + "<th>Where</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>";
    }

    String dead(List<DeadView> dead, Instant now) {
        if (dead.isEmpty()) {
            return "<p class=\"quiet\">The dead letter is empty.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (DeadView d : dead) {
            String name = text(d.name());
            rows.append("<tr data-id=\"").append(text(d.id())).append("\" data-name=\"").append(name).append("\"><td>")
                    .append(time(d.failedAt(), now)).append("</td><td class=\"code\">").append(text(d.code()))
                    .append("</td><td class=\"detail\">").append(text(d.detail())).append("</td><td><code>")
                    .append(text(d.id() != null ? d.id() : d.name())).append("</code></td><td>").append(text(d.recipient()))
                    .append("</td><td>").append(text(d.source())).append("</td><td class=\"actions\">")
                    .append(action("/api/dead-letters/" + name + "/requeue", "Requeue"))
                    .append(action("/api/dead-letters/" + name + "/delete", "Delete")).append("</td></tr>");
        }
        return "<table class=\"dead\"><thead><tr><th>Failed</th><th>Reason</th><th>Detail</th><th>Id</th><th>For</th>"
                + "<th>Came from</th><th></th></tr></thead><tbody>" + rows + "</tbody></table>";
    }

    private static String action(String url, String label) {
        return "<button type=\"button\" hx-post=\"" + url + "\" hx-target=\"#notice\">" + label + "</button>";
    }

    String stats(Stats stats) {
        var q = stats.queue();
        StringBuilder numbers = new StringBuilder("<dl class=\"numbers\">");
        Object[][] shown = {{"in outboxes", q.outbox()}, {"pending", q.pending()}, {"urgent", q.pendingUrgent()},
            {"held", q.held()}, {"being woken", q.guiTyping() + q.tmuxWaking()}, {"delivered", q.delivered()},
            {"dead letter", q.failed()}, {"duplicates", q.duplicates()}, {"awaiting ack", stats.awaitingAck()}};
        for (Object[] n : shown) {
            numbers.append("<div><dt>").append(n[0]).append("</dt><dd>").append(n[1]).append("</dd></div>");
        }
        numbers.append("</dl>").append(histogram(q.waitingByAge()));
        if (stats.sharedDown() != null) {
            numbers.append("<p class=\"error\">every host: the shared database is unreachable (")
                    .append(text(stats.sharedDown())).append(")</p>");
        } else if (stats.sharedStore() != null) {
            numbers.append("<table class=\"hosts\"><caption>Every host (shared store)</caption><tr><th>host</th>"
                    + "<th>waiting</th><th>urgent</th><th>held</th><th>delivered</th><th>dead</th>"
                    + "<th>oldest waiting</th></tr>");
            stats.sharedStore().forEach((host, counts) -> {
                numbers.append("<tr data-host=\"").append(text(host)).append("\"><td>").append(text(host))
                        .append("</td>");
                for (String key : List.of("waiting", "waiting_urgent", "held", "delivered", "dead")) {
                    numbers.append("<td>").append(counts.get(key)).append("</td>");
                }
                Object oldest = counts.get("oldest_waiting");
                numbers.append("<td>").append(oldest == null ? "–" : text(String.valueOf(oldest))).append("</td></tr>");
            });
            numbers.append("</table>");
        }
        return numbers.toString();
    }

    /** The age histogram of what waits, as a small bar chart (inline SVG: no script, no library). */
    static String histogram(Map<String, Long> byAge) {
        long max = Math.max(1, byAge.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int barWidth = 36;
        int height = 80;
        StringBuilder svg = new StringBuilder("<figure class=\"histogram\"><svg role=\"img\" viewBox=\"0 0 "
                + (byAge.size() * (barWidth + 8)) + " " + (height + 34) + "\" aria-label=\"what waits, by age\">");
        int x = 0;
        for (var bucket : byAge.entrySet()) {
            int h = (int) Math.round(height * (double) bucket.getValue() / max);
            svg.append("<g class=\"bar\" data-bucket=\"").append(text(bucket.getKey())).append("\" data-count=\"")
                    .append(bucket.getValue()).append("\"><rect x=\"").append(x).append("\" y=\"").append(height - h)
                    .append("\" width=\"").append(barWidth).append("\" height=\"").append(Math.max(h, 1))
                    .append("\"></rect><text x=\"").append(x + barWidth / 2).append("\" y=\"").append(height + 14)
                    .append("\">").append(bucket.getValue()).append("</text><text class=\"label\" x=\"")
                    .append(x + barWidth / 2).append("\" y=\"").append(height + 28).append("\">")
                    .append(text(bucket.getKey())).append("</text></g>");
            x += barWidth + 8;
        }
        return svg.append("</svg><figcaption>What waits, by age</figcaption></figure>").toString();
    }

    /** The answer to an action, shown in the page's notice line. */
    static String notice(boolean ok, String message) {
        return "<span class=\"" + (ok ? "ok" : "error") + "\">" + text(message) + "</span>";
    }

    /** The page shown without the token. */
    static String forbidden(String why) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Agent Cellphone console</title></head>
                <body><h1>Agent Cellphone</h1><p>%s</p>
                <p>The router prints the console's link when it starts; the token is in
                <code>message_queue/state/console.token</code>.</p></body></html>
                """.formatted(text(why));
    }
}
