package io.contactcenter.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contactcenter.testsupport.ServiceTokenCheck;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent directory's HTTP API, stubbed on a random port (the layer below the gateway's REST client). Serves
 * {@code GET /departments} and {@code POST /outbound-calls} (in-app user {@code jane} = agent {@code a-jane} is allowed
 * unless {@link #refuseOutbound} says why not; anyone else is not an agent, 404), requires the gateway's own token as
 * the directory checks it ({@link ServiceTokenCheck}), and can be switched "down" (503) to test the gateway's directory
 * failure handling. Init arg {@code down=true} starts it down.
 */
public class DirectoryStub implements QuarkusTestResourceLifecycleManager {

    private static final ServiceTokenCheck TOKENS = new ServiceTokenCheck("gateway");
    public static final String SALES_ID = "0b6e4b4e-8b0a-4a53-9a43-5a3a8f0c0001";
    public static final String SUPPORT_ID = "0b6e4b4e-8b0a-4a53-9a43-5a3a8f0c0002";
    public static final String DEFAULT_DEPARTMENTS = """
            [{"id":"%s","digit":1,"name":"Sales","spokenName":"Sales","maxWaitSeconds":120,"ringingTimeoutSeconds":20,
              "wrapUpSeconds":10,"maxAttempts":3,"surveyEnabled":true},
             {"id":"%s","digit":2,"name":"Support","spokenName":"Customer Support","maxWaitSeconds":120,
              "ringingTimeoutSeconds":20,"wrapUpSeconds":10,"maxAttempts":3,"surveyEnabled":false}]"""
            .formatted(SALES_ID, SUPPORT_ID);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean down;
    private static volatile String departments = DEFAULT_DEPARTMENTS;
    private static final Map<String, String> AGENTS_BY_APP_USER = new ConcurrentHashMap<>();
    private static volatile String outboundRefusal;
    private static final List<String> UNAUTHORIZED = new CopyOnWriteArrayList<>();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> VOICEMAILS = new CopyOnWriteArrayList<>();
    private static volatile boolean voicemailsDown;

    private HttpServer server;
    private boolean startDown;

    @Override
    public void init(Map<String, String> initArgs) {
        startDown = Boolean.parseBoolean(initArgs.getOrDefault("down", "false"));
    }

    @Override
    public Map<String, String> start() {
        reset();
        down = startDown;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.directory.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "directory.service-key", TOKENS.privateKeyFile());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static void reset() {
        down = false;
        departments = DEFAULT_DEPARTMENTS;
        AGENTS_BY_APP_USER.clear();
        AGENTS_BY_APP_USER.put("jane", "a-jane");
        outboundRefusal = null;
        UNAUTHORIZED.clear();
        REQUESTS.clear();
        VOICEMAILS.clear();
        voicemailsDown = false;
    }

    /** Every {@code POST /voicemails} body received, in order. */
    public static List<JsonNode> voicemails() {
        return VOICEMAILS;
    }

    /** {@code POST /voicemails} answers 503 (the rest of the directory works). */
    public static void voicemailsDown(boolean isDown) {
        voicemailsDown = isDown;
    }

    public static void down(boolean isDown) {
        down = isDown;
    }

    /** The directory refuses in-app agents' calls (403) with this reason; null: allowed again. */
    public static void refuseOutbound(String reason) {
        outboundRefusal = reason;
    }

    public static void departments(String json) {
        departments = json;
    }

    public static List<String> requests() {
        return REQUESTS;
    }

    public static List<String> unauthorized() {
        return UNAUTHORIZED;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            REQUESTS.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            if (down) {
                respond(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
                return;
            }
            if (TOKENS.problem(exchange.getRequestHeaders().getFirst("Authorization")) != null) {
                UNAUTHORIZED.add(path);
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && "/departments".equals(path)) {
                respond(exchange, 200, departments);
            } else if ("POST".equals(exchange.getRequestMethod()) && "/outbound-calls".equals(path)) {
                outboundCall(exchange);
            } else if ("POST".equals(exchange.getRequestMethod()) && "/voicemails".equals(path)) {
                voicemail(exchange);
            } else {
                respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
            }
        }
    }

    private static void outboundCall(HttpExchange exchange) throws IOException {
        JsonNode call = JSON.readTree(exchange.getRequestBody());
        REQUESTS.add("POST /outbound-calls " + call.path("callId").asText() + " " + call.path("appUser").asText() + " "
                + call.path("to").asText());
        String agentId = AGENTS_BY_APP_USER.get(call.path("appUser").asText());
        String refusal = outboundRefusal;
        if (agentId == null) {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
        } else if (refusal != null) {
            respond(exchange, 403, JSON.createObjectNode().put("title", "Forbidden").put("status", 403)
                    .put("detail", refusal).toString());
        } else {
            String to = call.path("to").asText();
            respond(exchange, 200, JSON.createObjectNode().put("callId", call.path("callId").asText())
                    .put("agentId", agentId).put("to", to.startsWith("+") ? to.substring(1) : to).toString());
        }
    }

    /** Like the directory: one message per call id, a repeat answers with the first one's id. */
    private static void voicemail(HttpExchange exchange) throws IOException {
        if (voicemailsDown) {
            respond(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
            return;
        }
        JsonNode voicemail = JSON.readTree(exchange.getRequestBody());
        VOICEMAILS.add(voicemail);
        String callId = voicemail.path("callId").asText();
        respond(exchange, 201, JSON.createObjectNode().put("id", UUID.nameUUIDFromBytes(callId.getBytes(StandardCharsets.UTF_8))
                .toString()).put("callId", callId).toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
