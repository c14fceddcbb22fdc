package io.contactcenter.routing;

import static io.contactcenter.testsupport.StubHttpServer.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.contactcenter.testsupport.ForcedStatuses;
import io.contactcenter.testsupport.StubHttpServer;
import io.contactcenter.testsupport.VonageApplicationKeys;
import io.contactcenter.support.webhook.WebhookUrls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Vonage Voice REST API on a random port, checking what the real SDK sends: an RS256 application JWT
 * (verified with the public half of the key pair the service was given), {@code POST /v1/calls} with
 * {@code to}/{@code from} endpoint objects, {@code event_url} as an array and the NCCO; {@code PUT /v1/calls/{uuid}}
 * hangups and transfers; {@code GET /v1/calls/{uuid}} the call record of a created leg. A request that breaks the contract is answered 400 and listed in {@link #violations()}.
 * {@link #failNextCreates(int, int)} makes the next create requests answer 429/500.
 */
public class VonageStub implements QuarkusTestResourceLifecycleManager {

    public static final String APPLICATION_ID = VonageApplicationKeys.APPLICATION_ID;

    /** A POST /v1/calls the stub accepted (or refused on purpose), as it arrived. */
    public record Create(Instant at, int answeredWith, String legId, JsonNode body, String host) {
        public String toType() {
            return body.path("to").path(0).path("type").asText();
        }

        public String eventUrl() {
            return body.path("event_url").path(0).asText();
        }
    }

    /** A PUT /v1/calls/{uuid}/talk. */
    public record Talk(Instant at, String uuid, String text) {
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
    private static final List<String> DETAIL_READS = new CopyOnWriteArrayList<>();
    private static final List<Talk> TALKS = new CopyOnWriteArrayList<>();
    private static final Map<String, String> LEG_STATUSES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Runnable> BEFORE_ANSWERING = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ForcedStatuses FORCED_CREATE_STATUSES = new ForcedStatuses();
    private static final ForcedStatuses FORCED_MODIFY_STATUSES = new ForcedStatuses();
    /** Checks event_url signatures with the key of application.properties' %test profile. */
    private static final WebhookUrls SIGNED_URLS = new WebhookUrls("https://gateway.test",
            "test-webhook-signing-key-0123456789abcdef");

    private static volatile VonageApplicationKeys keys;
    private static volatile int port;

    private StubHttpServer server;

    @Override
    public Map<String, String> start() {
        keys = new VonageApplicationKeys();
        server = StubHttpServer.start("vonage", this::handle);
        port = server.port();
        return Map.of(
                "routing.vonage.private-key", keys.privateKeyPem(),
                "routing.vonage.application-id", APPLICATION_ID,
                "routing.vonage.api-base-url", server.url(),
                // 127.0.0.2 is the call region of RegionAffinityTest; other loopback hosts are not allow-listed
                "routing.vonage.region-allowlist", "http://127.0.0.2:" + port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
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

    /** Every hangup and transfer asked for, in the order they came. */
    public static List<Modify> modifies() {
        return List.copyOf(MODIFIES);
    }

    public static List<Modify> modifiesOf(String uuid) {
        return MODIFIES.stream().filter(m -> m.uuid().equals(uuid)).toList();
    }

    /** What was said into this leg (PUT /v1/calls/{uuid}/talk), in order. */
    public static List<String> talksTo(String uuid) {
        return TALKS.stream().filter(t -> t.uuid().equals(uuid)).map(Talk::text).toList();
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** The next {@code count} create requests to this destination (number, app user or SIP URI) answer {@code status}. */
    public static void failCreatesTo(String destination, int status, int count) {
        FORCED_CREATE_STATUSES.repeat(destination, status, count);
    }

    /** The next {@code count} PUTs on this call uuid answer {@code status}. */
    public static void failModifiesOf(String uuid, int status, int count) {
        FORCED_MODIFY_STATUSES.repeat(uuid, status, count);
    }

    /** PUTs on this call uuid are answered normally again. */
    public static void stopFailingModifiesOf(String uuid) {
        FORCED_MODIFY_STATUSES.clear(uuid);
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
            JsonNode body = StubHttpServer.body(exchange);
            String problem = keys.jwtProblem(exchange.getRequestHeaders().getFirst("Authorization"));
            if (problem != null) {
                VIOLATIONS.add(method + " " + path + ": " + problem);
                respond(exchange, 401, "{\"type\":\"UNAUTHORIZED\",\"error_title\":\"Unauthorized\"}");
                return;
            }
            if (body == null) {
                body = StubHttpServer.JSON.nullNode();
            }
            if (method.equals("POST") && path.equals("/v1/calls")) {
                create(exchange, body, exchange.getRequestHeaders().getFirst("Host"));
            } else if (method.equals("GET") && path.startsWith("/v1/calls/")) {
                details(exchange, path.substring("/v1/calls/".length()));
            } else if (method.equals("PUT") && path.startsWith("/v1/calls/") && path.endsWith("/talk")) {
                String uuid = path.substring("/v1/calls/".length(), path.length() - "/talk".length());
                TALKS.add(new Talk(Instant.now(), uuid, body.path("text").asText()));
                respond(exchange, 200, "{\"uuid\":\"" + uuid + "\",\"message\":\"Talk started\"}");
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
        // an agent leg: the conversation; a callback leg (to the caller): a greeting, then the conversation
        boolean callbackLeg = ncco.size() == 2 && ncco.path(0).path("action").asText().equals("talk");
        require(problems, ncco.isArray() && (ncco.size() == 1 || callbackLeg),
                "'ncco' must be one action, or a talk and the conversation: " + ncco);
        JsonNode conversation = ncco.path(ncco.size() - 1);
        require(problems, conversation.path("action").asText().equals("conversation")
                && conversation.path("name").asText().startsWith("cc-")
                && conversation.path("startOnEnter").asBoolean(false)
                && conversation.has("endOnExit") && !conversation.path("endOnExit").asBoolean(true),
                "the NCCO must be conversation cc-<callId>, startOnEnter true, endOnExit false: " + ncco);
        if (eventUrl.isArray() && eventUrl.size() == 1) {
            String url = eventUrl.get(0).asText();
            require(problems, url.contains("/webhooks/event?call=")
                    && (callbackLeg || url.contains("&agent=") || url.contains("&role=monitor&")),
                    "event_url must name the call and (of an agent leg) the agent, or a monitor leg's role: " + url);
            require(problems, url.contains("call=" + conversation.path("name").asText().substring(3) + "&"),
                    "the conversation must be the call's: " + url + " vs " + conversation);
            require(problems, SIGNED_URLS.verify("/webhooks/event", WebhookUrls.parseQuery(URI.create(url).getRawQuery())),
                    "event_url parameters must carry our signature (WEBHOOK_SIGNING_KEY): " + url);
        }
        require(problems, body.path("ringing_timer").isInt(), "ringing_timer missing: " + body);
        require(problems, !body.has("answer_url"), "answer_url must not be sent with an NCCO");
        if (!problems.isEmpty()) {
            VIOLATIONS.addAll(problems);
            respond(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"" + problems.get(0).replace('"', '\'') + "\"}");
            return;
        }
        Integer forced = FORCED_CREATE_STATUSES.next(destinationOf(body));
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

    /** GET /v1/calls/{uuid}: the leg's call record; its status is {@link #legStatus} ({@code answered} by default). */
    private void details(HttpExchange exchange, String uuid) throws IOException {
        DETAIL_READS.add(uuid);
        beforeAnswering(uuid);
        Create created = CREATES.stream().filter(c -> uuid.equals(c.legId())).findFirst().orElse(null);
        if (created == null) {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"detail\":\"no call " + uuid + "\"}");
            return;
        }
        Integer forced = FORCED_MODIFY_STATUSES.next(uuid);
        if (forced != null) {
            respond(exchange, forced, "{\"title\":\"forced\"}");
            return;
        }
        String status = LEG_STATUSES.getOrDefault(uuid, "answered");
        respond(exchange, 200, "{\"uuid\":\"" + uuid + "\",\"conversation_uuid\":\"CON-" + uuid + "\","
                + "\"status\":\"" + status + "\",\"direction\":\"outbound\","
                + "\"to\":" + created.body().path("to").path(0) + ",\"from\":" + created.body().path("from") + "}");
    }

    /** What GET /v1/calls/{uuid} says about the leg's status from now on. */
    public static void legStatus(String uuid, String status) {
        LEG_STATUSES.put(uuid, status);
    }

    /**
     * Runs {@code action} once, the next time routing reads or modifies the leg ({@code GET}/{@code PUT
     * /v1/calls/{uuid}}), before the stub takes the request into account and answers.
     */
    public static void beforeAnswering(String uuid, Runnable action) {
        BEFORE_ANSWERING.put(uuid, action);
    }

    private static void beforeAnswering(String uuid) {
        Runnable action = BEFORE_ANSWERING.remove(uuid);
        if (action != null) {
            action.run();
        }
    }

    /** The legs whose call record routing read. */
    public static List<String> detailReads() {
        return List.copyOf(DETAIL_READS);
    }

    private void modify(HttpExchange exchange, String uuid, JsonNode body, String host) throws IOException {
        beforeAnswering(uuid);
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
        Integer forced = FORCED_MODIFY_STATUSES.next(uuid);
        if (forced != null) {
            MODIFIES.add(new Modify(Instant.now(), uuid, body, forced, host));
            respond(exchange, forced, "{\"title\":\"forced\"}");
            return;
        }
        MODIFIES.add(new Modify(Instant.now(), uuid, body, 204, host));
        exchange.sendResponseHeaders(204, -1);
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
