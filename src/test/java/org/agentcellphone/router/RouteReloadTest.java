package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route files under <home>/routes/ are live: added or edited, they change behaviour without a restart. */
class RouteReloadTest {

    @TempDir
    Path tmp;

    /** A route that forwards drops from an extra folder into the shared outbox. */
    private static String forwarder(String folder) {
        return """
                # drops written to an extra folder enter the shared outbox
                - route:
                    id: import-folder
                    from:
                      uri: "file:{{cellphone.home}}/%s"
                      steps:
                        - to: "file:{{cellphone.home}}/message_queue/outbox"
                """.formatted(folder);
    }

    @Test
    void addedAndEditedRouteFilesTakeEffectWhileTheRouterRunsAndABrokenEditKeepsTheOldRoutes() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home"), "cellphone.routes.reload = true\n").startRouter()) {
            Files.createDirectories(home.root.resolve("import-a"));
            Files.createDirectories(home.root.resolve("import-b"));
            Path routeFile = home.home.routes().resolve("import.yaml");

            Files.writeString(routeFile, forwarder("import-a"));
            Thread.sleep(1500);
            home.drop(home.root.resolve("import-a"), "one.json",
                    "{\"id\":\"via-a\",\"to\":\"Agent-2\",\"content\":\"through import-a\"}".getBytes());
            home.awaitInboxCount("Agent-2", 1);

            Files.writeString(routeFile, forwarder("import-b"));
            Thread.sleep(1500);
            home.drop(home.root.resolve("import-b"), "two.json",
                    "{\"id\":\"via-b\",\"to\":\"Agent-2\",\"content\":\"through import-b\"}".getBytes());
            home.awaitInboxCount("Agent-2", 2);
            home.drop(home.root.resolve("import-a"), "three.json",
                    "{\"id\":\"via-a-again\",\"to\":\"Agent-2\",\"content\":\"the edit moved the route away\"}".getBytes());

            Files.writeString(routeFile, "- route: [this is not: a route");
            Thread.sleep(1500);
            home.drop(home.root.resolve("import-b"), "four.json",
                    "{\"id\":\"after-broken-edit\",\"to\":\"Agent-2\",\"content\":\"old route still runs\"}".getBytes());
            home.awaitInboxCount("Agent-2", 3);
            Thread.sleep(500);

            assertThat(home.inboxIds("Agent-2")).isEqualTo(Map.of("after-broken-edit", 1, "via-a", 1, "via-b", 1));
            assertThat(home.root.resolve("import-a/three.json")).exists();
        }
    }
}
