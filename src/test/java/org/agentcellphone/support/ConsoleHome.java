package org.agentcellphone.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.agentcellphone.model.Json;

/** A home whose router serves the console on a free loopback port, and an HTTP client for its API. */
public final class ConsoleHome implements AutoCloseable {

    public final TestHome home;
    public final int port;
    public final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsoleHome(TestHome home, int port) {
        this.home = home;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts a router (in this JVM) with its HTTP server on a free port; returns once the console answers. */
    public static ConsoleHome start(Path root, String extraSettings) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestHome home = new TestHome(root, "cellphone.http.enabled = true\ncellphone.http.port = " + port + "\n"
                + "cellphone.console.refresh = 500ms\n" + extraSettings).startRouter();
        ConsoleHome console = new ConsoleHome(home, port);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> console.get("/api/stats", console.token()).statusCode() == 200);
        return console;
    }

    /** The console token the router made. */
    public String token() throws IOException {
        return Files.readString(home.home.state().resolve("console.token")).strip();
    }

    /** GET with the token header (null: without it). */
    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("X-Cellphone-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path, token());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** POST of a JSON body with the token header (null: without it). */
    public HttpResponse<String> postJson(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("X-Cellphone-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request, headers given as name, value pairs. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie's name for this console. */
    public String cookie() {
        return "cellphone_console_" + port;
    }

    @Override
    public void close() throws Exception {
        home.close();
    }
}
