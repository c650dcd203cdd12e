package org.agentcellphone.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code cellphone.*} setting, from lowest to highest precedence: the shipped
 * {@code application.properties}, {@code <home>/config/application.properties}, environment variables
 * ({@code CELLPHONE_RETRY_MAX_ATTEMPTS} for {@code cellphone.retry.max-attempts}) and {@code -D} system properties.
 */
public final class Settings {

    /** A setting that is missing or not of its kind: the home's configuration is wrong, not the program. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Properties props;

    private Settings(Properties props) {
        this.props = props;
    }

    public static Settings load(Path home) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        Path override = home.resolve("config/application.properties");
        if (Files.isRegularFile(override)) {
            try (Reader in = Files.newBufferedReader(override, StandardCharsets.UTF_8)) {
                props.load(in);
            }
        }
        Map<String, String> env = System.getenv();
        for (String key : props.stringPropertyNames()) {
            String value = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            if (value != null) {
                props.setProperty(key, value);
            }
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("cellphone.") || key.startsWith("camel.")) {
                props.setProperty(key, System.getProperty(key));
            }
        }
        props.setProperty("cellphone.home", home.toAbsolutePath().normalize().toString());
        return new Settings(props);
    }

    public String text(String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new Invalid("setting " + key + " is missing");
        }
        return value.strip();
    }

    public long number(String key) {
        try {
            return Long.parseLong(text(key));
        } catch (NumberFormatException e) {
            throw new Invalid("setting " + key + " must be a whole number, not '" + text(key) + "'");
        }
    }

    /** true or false, nothing else. */
    public boolean flag(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new Invalid("setting " + key + " must be true or false, not '" + text(key) + "'");
        }
        return value.equals("true");
    }

    /** Whether the queue is in the database the routers of several hosts share ({@code cellphone.store}). */
    public boolean sharedStore() {
        return switch (text("cellphone.store").toLowerCase(Locale.ROOT)) {
            case "files" -> false;
            case "postgresql" -> true;
            default -> throw new Invalid("setting cellphone.store must be files or postgresql, not '"
                    + text("cellphone.store") + "'");
        };
    }

    /** This router's host name ({@code cellphone.host}; empty: the machine's). */
    public String host() {
        String host = text("cellphone.host");
        if (!host.isEmpty()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new Invalid("setting cellphone.host is empty and this machine's host name is unknown: set it");
        }
    }

    /** Durations take a unit: ms, s, m, h or d ({@code 2s}, {@code 7d}); a bare number is milliseconds. */
    public Duration duration(String key) {
        Matcher m = DURATION.matcher(text(key).toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Invalid("setting " + key + " must be a duration such as 500ms, 2s or 7d, not '"
                    + text(key) + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        };
    }

    /**
     * What Camel's property placeholders see: every setting, plus the derived values routes need in the units Camel
     * wants (milliseconds, redeliveries rather than attempts).
     */
    public Properties forCamel() {
        Properties camel = new Properties();
        camel.putAll(props);
        camel.setProperty("cellphone.retry.initial-delay-ms", String.valueOf(duration("cellphone.retry.initial-delay").toMillis()));
        camel.setProperty("cellphone.retry.max-delay-ms", String.valueOf(duration("cellphone.retry.max-delay").toMillis()));
        camel.setProperty("cellphone.retry.max-redeliveries", String.valueOf(Math.max(0, number("cellphone.retry.max-attempts") - 1)));
        camel.setProperty("cellphone.intake.poll-delay-ms", String.valueOf(duration("cellphone.intake.poll-delay").toMillis()));
        camel.setProperty("cellphone.store.poll-ms", String.valueOf(duration("cellphone.store.poll").toMillis()));
        camel.setProperty("cellphone.lock.timeout-ms", String.valueOf(duration("cellphone.lock.timeout").toMillis()));
        // health and metrics: Camel Main's management HTTP server, with only the router's own meters on it (Camel's
        // per-exchange meters would cost time on every message)
        String http = String.valueOf(flag("cellphone.http.enabled"));
        camel.setProperty("camel.management.enabled", http);
        camel.setProperty("camel.management.host", text("cellphone.http.host"));
        camel.setProperty("camel.management.port", String.valueOf(number("cellphone.http.port")));
        camel.setProperty("camel.management.healthCheckEnabled", http);
        camel.setProperty("camel.management.metricsEnabled", http);
        camel.setProperty("camel.metrics.enabled", http);
        // the console's routes on the same server (one server when both ports are the same)
        camel.setProperty("camel.server.enabled", http);
        camel.setProperty("camel.server.host", text("cellphone.http.host"));
        camel.setProperty("camel.server.port", String.valueOf(number("cellphone.http.port")));
        // a composed message as a form may take up to three bytes per byte of text; nothing is ever uploaded
        camel.setProperty("camel.server.maxBodySize", String.valueOf(4 * number("cellphone.max-message-bytes") + 65536));
        camel.setProperty("camel.server.fileUploadEnabled", "false");
        camel.setProperty("camel.metrics.enableRoutePolicy", "false");
        camel.setProperty("camel.metrics.enableExchangeEventNotifier", "false");
        camel.setProperty("camel.metrics.enableRouteEventNotifier", "false");
        return camel;
    }
}
