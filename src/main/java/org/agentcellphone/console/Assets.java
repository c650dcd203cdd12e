package org.agentcellphone.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The page's three files, from the jar: htmx (its webjar, at the version the build put there), the console's style
 * and its small script. Read as bytes once; nothing else is served from here.
 */
final class Assets {

    private record Asset(String type, byte[] bytes) {
    }

    private final Map<String, Asset> served = new LinkedHashMap<>();

    Assets() {
        served.put("htmx.min.js", new Asset("text/javascript; charset=utf-8",
                resource("/META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js")));
        served.put("console.css", new Asset("text/css; charset=utf-8", resource("/console/console.css")));
        served.put("console.js", new Asset("text/javascript; charset=utf-8", resource("/console/console.js")));
    }

    ConsoleReply serve(String name) {
        Asset asset = served.get(name);
        if (asset == null) {
            return ConsoleReply.html(404, "not found");
        }
        return new ConsoleReply(200, asset.type(), asset.bytes(), new LinkedHashMap<>())
                .with("Cache-Control", "max-age=300");
    }

    private static String htmxVersion() {
        Properties pom = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the htmx webjar is not on the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
