package org.agentcellphone.router;

import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.console.Console;
import org.agentcellphone.console.ConsoleReply;
import org.agentcellphone.console.ConsoleRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The console's door on the platform-http server: the request as the console reads it (its own headers and cookie,
 * never query parameters that Camel turned into headers), the console's answer as the only thing sent back (no
 * request header is echoed into the response).
 */
final class ConsoleHttp implements Processor {

    private final Console console;

    ConsoleHttp(Console console) {
        this.console = console;
    }

    @Override
    public void process(Exchange exchange) {
        HttpServerRequest request = exchange.getIn(HttpMessage.class).getRequest();
        Map<String, List<String>> params = new LinkedHashMap<>();
        add(params, request.params());
        boolean form = request.getHeader("Content-Type") != null
                && request.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded");
        if (form) {
            add(params, request.formAttributes());
        }
        Cookie cookie = request.getCookie(console.cookieName());
        ConsoleReply reply = console.handle(new ConsoleRequest(request.method().name(), request.path(), params,
                form ? "" : exchange.getIn().getBody(String.class), request.getHeader("Content-Type"),
                request.getHeader("X-Cellphone-Token"), cookie == null ? null : cookie.getValue(),
                request.getHeader("Origin"), authority(request), request.getHeader("Sec-Fetch-Site"),
                "true".equals(request.getHeader("HX-Request"))));

        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(out::setHeader);
        out.setBody(reply.body());
    }

    /** The host and port the client asked for: the Host header, or HTTP/2's authority. */
    private static String authority(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        return authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }

    private static void add(Map<String, List<String>> params, MultiMap values) {
        for (String name : values.names()) {
            params.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values.getAll(name));
        }
    }
}
