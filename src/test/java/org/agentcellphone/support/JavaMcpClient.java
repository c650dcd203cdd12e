package org.agentcellphone.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.nio.file.Path;
import java.time.Duration;

/** The MCP Java SDK's own client, spawning {@code bin/cellphone mcp --agent A} over stdio on a home. */
public final class JavaMcpClient {

    private JavaMcpClient() {
    }

    /**
     * A client not yet initialized. {@code compiled}: run the classes the test run compiled (as every test does);
     * else bin/cellphone's own way, its jar and class data sharing archive (as the benchmark measures it).
     */
    public static McpSyncClient of(Path home, String agent, boolean compiled) {
        ServerParameters server = ServerParameters.builder(Cli.SCRIPT.toString())
                .args("mcp", "--agent", agent)
                .addEnvVar("CELLPHONE_HOME", home.toString())
                .addEnvVar("CELLPHONE_SKIP_BUILD", compiled ? "1" : "0")
                .build();
        return McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper())))
                .requestTimeout(Duration.ofSeconds(30)).build();
    }
}
