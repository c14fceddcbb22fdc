package io.contactcenter.routing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Vonage Voice REST API on a random port, checking what the real SDK sends: an RS256 application JWT
 * (verified with the public half of the key pair the service was given), {@code POST /v1/calls} with
 * {@code to}/{@code from} endpoint objects, {@code event_url} as an array and the NCCO; {@code PUT /v1/calls/{uuid}}
 * hangups and transfers. A request that breaks the contract is answered 400 and listed in {@link #violations()}.
 * {@link #failNextCreates(int, int)} makes the next create requests answer 429/500.
 */
public class VonageStub implements QuarkusTestResourceLifecycleManager {

    public static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A POST /v1/calls the stub accepted (or refused on purpose), as it arrived. */
    public record Create(Instant at, int answeredWith, String legId, JsonNode body, String host) {
        public String toType() {
            return body.path("to").path(0).path("type").asText();
        }

        public String eventUrl() {
            return body.path("event_url").path(0).asText();
        }
    }

    /** A PUT /v1/calls/{uuid}. */
    public record Modify(Instant at, String uuid, JsonNode body, int answeredWith, String host) {
        public String action() {
            return body.path("action").asText();
        }
    }

    private static final List<Create> CREATES = new CopyOnWriteArrayList<>();
    private static final List<Modify> MODIFIES = new CopyOnWriteArrayList<>();
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static final Map<String, Queue<Integer>> FORCED_CREATE_STATUSES = new ConcurrentHashMap<>();
    private static final Map<String, Queue<Integer>> FORCED_MODIFY_STATUSES = new ConcurrentHashMap<>();
    private static volatile RSAPublicKey publicKey;
    private static volatile int port;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            // every loopback address reaches the stub: http://127.0.0.2:<port> stands for a call's regional host
            server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        publicKey = (RSAPublicKey) keys.getPublic();
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "stub-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Map.of(
                "routing.vonage.private-key", pem,
                "routing.vonage.application-id", APPLICATION_ID,
                "routing.vonage.api-base-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The stub's port: {@code http://127.0.0.1:<port>} is the default base URL, other loopback hosts are regions. */
    public static int port() {
        return port;
    }

    public static List<Create> creates() {
        return List.copyOf(CREATES);
    }

    /** The accepted agent legs whose event_url names this call. */
    public static List<Create> createsFor(String callId) {
        return CREATES.stream().filter(c -> c.answeredWith() == 201 && c.eventUrl().contains("call=" + callId + "&"))
                .toList();
    }

    public static List<Create> attemptsFor(String callId) {
        return CREATES.stream().filter(c -> c.eventUrl().contains("call=" + callId + "&")).toList();
    }

    public static List<Modify> modifiesOf(String uuid) {
        return MODIFIES.stream().filter(m -> m.uuid().equals(uuid)).toList();
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** The next {@code count} create requests to this destination (number, app user or SIP URI) answer {@code status}. */
    public static void failCreatesTo(String destination, int status, int count) {
        Queue<Integer> queue = FORCED_CREATE_STATUSES.computeIfAbsent(destination, d -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            queue.add(status);
        }
    }

    /** The next {@code count} PUTs on this call uuid answer {@code status}. */
    public static void failModifiesOf(String uuid, int status, int count) {
        Queue<Integer> queue = FORCED_MODIFY_STATUSES.computeIfAbsent(uuid, d -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            queue.add(status);
        }
    }

    public static List<Create> createsTo(String destination) {
        return CREATES.stream().filter(c -> destination.equals(destinationOf(c.body()))).toList();
    }

    private static String destinationOf(JsonNode body) {
        JsonNode to = body.path("to").path(0);
        return to.has("number") ? to.get("number").asText() : to.has("user") ? to.get("user").asText()
                : to.path("uri").asText();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String problem = checkJwt(exchange.getRequestHeaders().getFirst("Authorization"));
            if (problem != null) {
                VIOLATIONS.add(method + " " + path + ": " + problem);
                respond(exchange, 401, "{\"type\":\"UNAUTHORIZED\",\"error_title\":\"Unauthorized\"}");
                return;
            }
            JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
            if (method.equals("POST") && path.equals("/v1/calls")) {
                create(exchange, body, exchange.getRequestHeaders().getFirst("Host"));
            } else if (method.equals("PUT") && path.startsWith("/v1/calls/")) {
                modify(exchange, path.substring("/v1/calls/".length()), body, exchange.getRequestHeaders().getFirst("Host"));
            } else {
                respond(exchange, 404, "{\"title\":\"Not Found\"}");
            }
        } catch (RuntimeException e) {
            VIOLATIONS.add("stub failure: " + e);
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void create(HttpExchange exchange, JsonNode body, String host) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode to = body.path("to");
        if (!to.isArray() || to.size() != 1) {
            problems.add("'to' must be an array of one endpoint: " + to);
        } else {
            JsonNode endpoint = to.get(0);
            switch (endpoint.path("type").asText()) {
                case "phone" -> require(problems, endpoint.path("number").asText().matches("\\d{6,15}"),
                        "phone endpoint needs E.164 digits: " + endpoint);
                case "app" -> require(problems, !endpoint.path("user").asText().isBlank(), "app endpoint needs user");
                case "sip" -> require(problems, endpoint.path("uri").asText().startsWith("sip:"), "sip endpoint needs uri");
                default -> problems.add("unknown endpoint type: " + endpoint);
            }
        }
        JsonNode from = body.path("from");
        require(problems, from.path("type").asText().equals("phone") && from.path("number").asText().matches("\\d+"),
                "'from' must be a phone endpoint: " + from);
        require(problems, !body.has("random_from_number"), "random_from_number must not be sent with from");
        JsonNode eventUrl = body.path("event_url");
        require(problems, eventUrl.isArray() && eventUrl.size() == 1 && eventUrl.get(0).isTextual(),
                "'event_url' must be an array of one URL: " + eventUrl);
        JsonNode ncco = body.path("ncco");
        require(problems, ncco.isArray() && ncco.size() == 1, "'ncco' must be one action: " + ncco);
        JsonNode conversation = ncco.path(0);
        require(problems, conversation.path("action").asText().equals("conversation")
                && conversation.path("name").asText().startsWith("cc-")
                && conversation.path("startOnEnter").asBoolean(false)
                && conversation.has("endOnExit") && !conversation.path("endOnExit").asBoolean(true),
                "the NCCO must be conversation cc-<callId>, startOnEnter true, endOnExit false: " + ncco);
        if (eventUrl.isArray() && eventUrl.size() == 1) {
            String url = eventUrl.get(0).asText();
            require(problems, url.contains("/webhooks/event?call=") && url.contains("&agent="),
                    "event_url must name the call and agent: " + url);
            require(problems, url.contains("call=" + conversation.path("name").asText().substring(3) + "&"),
                    "the conversation must be the call's: " + url + " vs " + conversation);
        }
        require(problems, body.path("ringing_timer").isInt(), "ringing_timer missing: " + body);
        require(problems, !body.has("answer_url"), "answer_url must not be sent with an NCCO");
        if (!problems.isEmpty()) {
            VIOLATIONS.addAll(problems);
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"" + problems.get(0).replace('"', '\'') + "\"}");
            return;
        }
        Queue<Integer> forcedQueue = FORCED_CREATE_STATUSES.get(destinationOf(body));
        Integer forced = forcedQueue == null ? null : forcedQueue.poll();
        if (forced != null) {
            CREATES.add(new Create(Instant.now(), forced, null, body, host));
            respond(exchange, forced, "{\"type\":\"ERROR\",\"title\":\"forced " + forced + "\"}");
            return;
        }
        String uuid = UUID.randomUUID().toString();
        CREATES.add(new Create(Instant.now(), 201, uuid, body, host));
        respond(exchange, 201, "{\"uuid\":\"" + uuid + "\",\"status\":\"started\",\"direction\":\"outbound\","
                + "\"conversation_uuid\":\"CON-" + UUID.randomUUID() + "\"}");
    }

    private void modify(HttpExchange exchange, String uuid, JsonNode body, String host) throws IOException {
        String action = body.path("action").asText();
        if (action.equals("transfer")) {
            JsonNode destination = body.path("destination");
            if (!destination.path("type").asText().equals("ncco") || !destination.path("ncco").isArray()) {
                VIOLATIONS.add("transfer needs an inline ncco: " + body);
                respond(exchange, 400, "{\"title\":\"Bad Request\"}");
                return;
            }
        } else if (!action.equals("hangup")) {
            VIOLATIONS.add("unexpected modify action: " + body);
        }
        Queue<Integer> forcedQueue = FORCED_MODIFY_STATUSES.get(uuid);
        Integer forced = forcedQueue == null ? null : forcedQueue.poll();
        if (forced != null) {
            MODIFIES.add(new Modify(Instant.now(), uuid, body, forced, host));
            respond(exchange, forced, "{\"title\":\"forced\"}");
            return;
        }
        MODIFIES.add(new Modify(Instant.now(), uuid, body, 204, host));
        exchange.sendResponseHeaders(204, -1);
    }

    private static String checkJwt(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        try {
            DecodedJWT jwt = JWT.require(Algorithm.RSA256(publicKey, null)).build()
                    .verify(authorization.substring("Bearer ".length()));
            if (!APPLICATION_ID.equals(jwt.getClaim("application_id").asString())) {
                return "wrong application_id " + jwt.getClaim("application_id");
            }
            if (jwt.getId() == null || jwt.getIssuedAt() == null) {
                return "jti/iat missing";
            }
            return null;
        } catch (RuntimeException e) {
            return "JWT rejected: " + e.getMessage();
        }
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
