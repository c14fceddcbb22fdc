package io.contactcenter.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.contactcenter.testsupport.DirectoryJson;
import io.contactcenter.testsupport.ServiceTokenCheck;
import io.contactcenter.testsupport.StubHttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent directory's assignment API on a random port, with its claim semantics: the longest-idle AVAILABLE +
 * IDLE agent of the department that is not excluded; idempotent per call (a live assignment is returned again);
 * never one agent for two live calls; {@code "assigned": false} when nobody is free; answered → ON_CALL; release
 * (idempotent) → IDLE. Requires routing's own token as the directory checks it ({@link ServiceTokenCheck}: signed with
 * routing's key, its role only, not expired by the stub's clock, which {@link #clockAhead} can move); {@link
 * #refuseNextReleases} answers 401 to the next release requests whatever they carry.
 */
public class DirectoryStub implements QuarkusTestResourceLifecycleManager {

    private static final ServiceTokenCheck TOKENS = new ServiceTokenCheck("routing");
    private static final ObjectMapper JSON = StubHttpServer.JSON;

    /** One request the stub received: method, path and body. */
    public record Request(String method, String path, JsonNode body) {
    }

    /** The outbound allow-list's one prefix (cold transfers to a number). */
    static final String ALLOWED_PREFIX = "44";
    private static volatile String allowedPrefix = ALLOWED_PREFIX;
    private static final Object LOCK = new Object();
    private static final Map<String, ObjectNode> DEPARTMENTS = new LinkedHashMap<>();
    private static final Map<String, AgentState> AGENTS = new LinkedHashMap<>();
    private static final Map<String, Assignment> ASSIGNMENTS = new LinkedHashMap<>();
    private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static volatile boolean down;
    private static volatile Duration claimDelay = Duration.ZERO;
    private static final AtomicInteger CLAIMS_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MOST_CLAIMS_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger REFUSE_NEXT = new AtomicInteger();
    private static final AtomicInteger FORBID_RELEASES = new AtomicInteger();
    private static final java.util.Set<String> WRAPPING_UP = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean clockMoved;
    private static final List<String> UNAUTHORIZED = new CopyOnWriteArrayList<>();

    static final class AgentState {
        final String id;
        final String departmentId;
        final String endpointType;
        final String endpointValue;
        String state = "IDLE";
        Instant lastIdleAt;

        AgentState(String id, String departmentId, String endpointType, String endpointValue, Instant lastIdleAt) {
            this.id = id;
            this.departmentId = departmentId;
            this.endpointType = endpointType;
            this.endpointValue = endpointValue;
            this.lastIdleAt = lastIdleAt;
        }
    }

    static final class Assignment {
        final String callId;
        final String agentId;
        final String departmentId;
        String state = "RESERVED";
        String outcome;

        Assignment(String callId, String agentId, String departmentId) {
            this.callId = callId;
            this.agentId = agentId;
            this.departmentId = departmentId;
        }
    }

    private StubHttpServer server;

    @Override
    public Map<String, String> start() {
        server = StubHttpServer.start("directory", this::handle);
        return Map.of("quarkus.rest-client.directory.url", server.url(), "directory.service-key",
                TOKENS.privateKeyFile());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Adds a department. */
    public static void department(String id, int maxWaitSeconds, int ringingTimeoutSeconds, int maxAttempts) {
        ObjectNode department = DirectoryJson.department(id, "Dept " + id, maxWaitSeconds, ringingTimeoutSeconds, 0,
                maxAttempts, true);
        synchronized (LOCK) {
            DEPARTMENTS.put(id, department);
        }
    }

    /** Sets one more field of a department, e.g. {@code announcementIntervalSeconds}. */
    public static void departmentSetting(String id, String field, int value) {
        synchronized (LOCK) {
            DEPARTMENTS.get(id).put(field, value);
        }
    }

    /** Sets one more text field of a department, e.g. {@code recording}. */
    public static void departmentSetting(String id, String field, String value) {
        synchronized (LOCK) {
            DEPARTMENTS.get(id).put(field, value);
        }
    }

    /** Sets one more structured field of a department, e.g. {@code openingHours}. */
    public static void departmentSetting(String id, String field, JsonNode value) {
        synchronized (LOCK) {
            DEPARTMENTS.get(id).set(field, value);
        }
    }

    /** Adds an idle, available agent; agents added earlier have been idle longer. */
    public static void agent(String id, String departmentId, String endpointType, String endpointValue) {
        synchronized (LOCK) {
            AGENTS.put(id, new AgentState(id, departmentId, endpointType, endpointValue,
                    Instant.now().minusSeconds(3600).plusMillis(AGENTS.size())));
        }
    }

    /**
     * The directory's stuck-agent bound passed for the call's reservation: released {@code CANCELLED}, the agent free
     * for another call (as the real directory's {@code StuckAgents} does).
     */
    public static void expireReservation(String callId) {
        synchronized (LOCK) {
            ASSIGNMENTS.values().stream().filter(a -> a.callId.equals(callId) && a.state.equals("RESERVED"))
                    .forEach(a -> {
                        a.state = "RELEASED";
                        a.outcome = "CANCELLED";
                        AGENTS.get(a.agentId).state = "IDLE";
                        AGENTS.get(a.agentId).lastIdleAt = Instant.now();
                    });
        }
    }

    /** Claims an agent for the call as if a routing instance had asked (before it stopped); returns the agent id. */
    public static String reserve(String callId, String departmentId) {
        synchronized (LOCK) {
            JsonNode answer = new DirectoryStub().claim(JSON.createObjectNode().put("callId", callId)
                    .put("departmentId", departmentId));
            return answer.path("agent").path("id").asText(null);
        }
    }

    public static String agentState(String agentId) {
        synchronized (LOCK) {
            return AGENTS.get(agentId).state;
        }
    }

    public static Optional<String> assignmentState(String callId) {
        synchronized (LOCK) {
            return Optional.ofNullable(ASSIGNMENTS.get(callId)).map(a -> a.state + "/" + a.outcome);
        }
    }

    public static List<Request> requests(String method, String pathPart) {
        return REQUESTS.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    /** The claims routing made for the call, in order. */
    public static List<Request> claims(String callId) {
        return requests("POST", "/assignments").stream()
                .filter(r -> r.path().equals("/assignments") && r.body().path("callId").asText().equals(callId))
                .toList();
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    /** The stub's clock runs this much ahead when it checks a token's expiry (a token routing thinks fresh expires). */
    public static void clockAhead(Duration ahead) {
        TOKENS.clockAhead(ahead);
        clockMoved = !ahead.isZero();
    }

    /** The agent goes into wrap-up when released: the release's answer names no department it is free in. */
    public static void wrapsUpAfterRelease(String agentId) {
        WRAPPING_UP.add(agentId);
    }

    /** The next {@code count} releases are answered 403 (a token without the role, e.g. a deploy mistake). */
    public static void forbidReleases(int count) {
        FORBID_RELEASES.set(count);
    }

    /** The next {@code count} requests are answered 401, whatever token they carry. */
    public static void refuseNextReleases(int count) {
        REFUSE_NEXT.set(count);
    }

    /** The requests answered 401 ({@code method path: why}). */
    public static List<String> unauthorized() {
        return List.copyOf(UNAUTHORIZED);
    }

    /** The outbound allow-list takes numbers under this prefix only ({@link #ALLOWED_PREFIX} by default). */
    public static void allowedPrefix(String prefix) {
        allowedPrefix = prefix;
    }

    public static void down(boolean isDown) {
        down = isDown;
    }

    /** Every claim takes this long before it is answered (zero: at once); resets the in-flight high-water mark. */
    public static void claimDelay(Duration delay) {
        claimDelay = delay;
        MOST_CLAIMS_IN_FLIGHT.set(0);
    }

    /** The most claims that were being answered at once since the last {@link #claimDelay}. */
    public static int mostClaimsInFlight() {
        return MOST_CLAIMS_IN_FLIGHT.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            JsonNode requestBody = StubHttpServer.body(exchange);
            String tokenProblem = TOKENS.problem(exchange.getRequestHeaders().getFirst("Authorization"));
            if (tokenProblem != null && !clockMoved) {
                VIOLATIONS.add(method + " " + path + " without routing's valid token: " + tokenProblem);
            }
            if (tokenProblem == null && path.endsWith("/release")
                    && REFUSE_NEXT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                tokenProblem = "refused on purpose";
            }
            if (tokenProblem != null) {
                UNAUTHORIZED.add(method + " " + path + ": " + tokenProblem);
                respond(exchange, 401, problem(401, "Unauthorized"));
                return;
            }
            if (down) {
                respond(exchange, 503, problem(503, "Service Unavailable"));
                return;
            }
            if (path.endsWith("/release") && FORBID_RELEASES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 403, problem(403, "Forbidden"));
                return;
            }
            JsonNode body = requestBody == null ? JSON.nullNode() : requestBody;
            REQUESTS.add(new Request(method, path, body));
            String[] parts = path.split("/");
            if (method.equals("POST") && path.equals("/assignments")) {
                delayClaim();
            }
            synchronized (LOCK) {
                if (method.equals("GET") && parts.length == 3 && parts[1].equals("departments")) {
                    ObjectNode department = DEPARTMENTS.get(parts[2]);
                    respond(exchange, department == null ? 404 : 200, department == null ? problem(404, "Not Found")
                            : department);
                } else if (method.equals("POST") && path.equals("/assignments")) {
                    respond(exchange, 200, claim(body));
                } else if (method.equals("POST") && path.equals("/outbound-calls/check")) {
                    // the outbound allow-list: numbers under 44 only
                    if (body.path("to").asText().replace("+", "").startsWith(allowedPrefix)) {
                        StubHttpServer.respondEmpty(exchange, 204);
                    } else {
                        respond(exchange, 403, problem(403, "Forbidden"));
                    }
                } else if (method.equals("POST") && parts.length == 4 && parts[1].equals("assignments")) {
                    String agentId = body.path("agentId").asText(null);
                    // the call's own assignment, or the one a transfer claimed for it
                    Assignment assignment = ASSIGNMENTS.values().stream()
                            .filter(a -> a.callId.equals(parts[2]) && a.agentId.equals(agentId))
                            .reduce((first, later) -> later).orElse(null);
                    if (assignment == null) {
                        respond(exchange, 404, problem(404, "Not Found"));
                    } else if (parts[3].equals("answered")) {
                        answered(exchange, assignment);
                    } else if (parts[3].equals("release")) {
                        release(exchange, assignment, body.path("outcome").asText());
                    } else if (parts[3].equals("renewed")) {
                        respond(exchange, assignment.state.equals("RELEASED") ? 409 : 200,
                                assignment.state.equals("RELEASED") ? problem(409, "Conflict") : view(assignment));
                    } else {
                        respond(exchange, 404, problem(404, "Not Found"));
                    }
                } else {
                    respond(exchange, 404, problem(404, "Not Found"));
                }
            }
        } catch (RuntimeException e) {
            VIOLATIONS.add("stub failure: " + e);
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /** Outside the lock, so that claims can be in flight together as they are in the real directory. */
    private static void delayClaim() {
        MOST_CLAIMS_IN_FLIGHT.accumulateAndGet(CLAIMS_IN_FLIGHT.incrementAndGet(), Math::max);
        try {
            Thread.sleep(claimDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CLAIMS_IN_FLIGHT.decrementAndGet();
        }
    }

    private JsonNode claim(JsonNode body) {
        String callId = body.path("callId").asText();
        String departmentId = body.path("departmentId").asText();
        Set<String> excluded = new HashSet<>();
        body.path("excludeAgentIds").forEach(id -> excluded.add(id.asText()));
        // a transfer claims a second agent for the call: under its own key, the named agent (any department) or not
        String transferId = body.path("transferId").asText(null);
        String named = body.path("agentId").asText(null);
        String key = transferId == null ? callId : callId + "#" + transferId;
        ObjectNode answer = JSON.createObjectNode().put("callId", callId).put("departmentId", departmentId);
        Assignment live = ASSIGNMENTS.get(key);
        if (live != null && !live.state.equals("RELEASED")) {
            return answer.put("assigned", true).set("agent", agentJson(AGENTS.get(live.agentId)));
        }
        Optional<AgentState> free = AGENTS.values().stream()
                .filter(a -> (named != null ? a.id.equals(named) : a.departmentId.equals(departmentId))
                        && a.state.equals("IDLE") && !excluded.contains(a.id))
                .min(Comparator.comparing(a -> a.lastIdleAt));
        if (free.isEmpty()) {
            return answer.put("assigned", false);
        }
        AgentState agent = free.get();
        agent.state = "RESERVED";
        ASSIGNMENTS.put(key, new Assignment(callId, agent.id, departmentId));
        return answer.put("assigned", true).set("agent", agentJson(agent));
    }

    private void answered(HttpExchange exchange, Assignment assignment) throws IOException {
        if (assignment.state.equals("RELEASED")) {
            respond(exchange, 409, problem(409, "Conflict"));
            return;
        }
        assignment.state = "ON_CALL";
        AGENTS.get(assignment.agentId).state = "ON_CALL";
        respond(exchange, 200, view(assignment));
    }

    private void release(HttpExchange exchange, Assignment assignment, String outcome) throws IOException {
        if (!java.util.Set.of("COMPLETED", "NO_ANSWER", "CANCELLED").contains(outcome)) {
            respond(exchange, 400, problem(400, "Bad Request"));
            return;
        }
        String freedIn = null;
        if (!assignment.state.equals("RELEASED")) {
            assignment.state = "RELEASED";
            assignment.outcome = outcome;
            AgentState agent = AGENTS.get(assignment.agentId);
            if (WRAPPING_UP.contains(agent.id)) {
                agent.state = "WRAP_UP"; // free in no department (until the directory's agent-activity says so)
            } else {
                agent.state = "IDLE"; // wrap-up 0 s in the stub
                agent.lastIdleAt = Instant.now();
                freedIn = agent.departmentId;
            }
        }
        ObjectNode view = view(assignment);
        ArrayNode freeIn = view.putArray("agentFreeIn");
        if (freedIn != null) {
            freeIn.add(freedIn);
        }
        respond(exchange, 200, view);
    }

    private static ObjectNode view(Assignment assignment) {
        ObjectNode view = JSON.createObjectNode().put("callId", assignment.callId).put("agentId", assignment.agentId)
                .put("departmentId", assignment.departmentId).put("state", assignment.state);
        return assignment.outcome == null ? view : view.put("outcome", assignment.outcome);
    }

    private static ObjectNode agentJson(AgentState agent) {
        ObjectNode json = JSON.createObjectNode().put("id", agent.id).put("name", "Agent " + agent.id)
                .put("status", "AVAILABLE").put("state", agent.state).put("consecutiveNoAnswers", 0);
        ArrayNode departments = json.putArray("departmentIds");
        departments.add(agent.departmentId);
        json.putObject("endpoint").put("type", agent.endpointType).put("value", agent.endpointValue);
        return json;
    }

    private static ObjectNode problem(int status, String title) {
        return DirectoryJson.problem(status, title);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode json) throws IOException {
        DirectoryJson.respond(exchange, status, json);
    }
}
