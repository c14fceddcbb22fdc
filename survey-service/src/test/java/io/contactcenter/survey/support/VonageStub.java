package io.contactcenter.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.testsupport.ForcedStatuses;
import io.contactcenter.testsupport.StubHttpServer;
import io.contactcenter.testsupport.VonageApplicationKeys;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Vonage Voice API as an HTTP stub on random ports: a default host ({@code VONAGE_API_BASE_URL}) and a
 * "regional" host (a call's {@code region_url}, allow-listed) and a "foreign" one (not allow-listed). It records every request with whether its bearer token is an
 * RS256 JWT of our application signed with the application's private key (checked by test-support's
 * {@link VonageApplicationKeys}), and answers with the statuses queued for a leg (default 204).
 */
public final class VonageStub {

    public static final String APPLICATION_ID = VonageApplicationKeys.APPLICATION_ID;

    /** One request as the stub saw it. */
    public record Request(String host, String method, String path, String authorization, boolean jwtValid,
            JsonNode body, int answeredWith) {
    }

    private final VonageApplicationKeys keys = new VonageApplicationKeys();
    private final StubHttpServer defaultHost;
    private final StubHttpServer regionalHost;
    private final StubHttpServer foreignHost;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ForcedStatuses queuedStatuses = new ForcedStatuses();

    VonageStub() {
        defaultHost = server("default");
        regionalHost = server("regional");
        foreignHost = server("foreign");
    }

    public String privateKeyPem() {
        return keys.privateKeyPem();
    }

    public String defaultUrl() {
        return defaultHost.url();
    }

    public String regionalUrl() {
        return regionalHost.url();
    }

    /** A host that answers like Vonage but is not allow-listed: it must never receive a request. */
    public String foreignUrl() {
        return foreignHost.url();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next transfers of {@code legId} are answered with these statuses, in order; then 204. */
    public void answer(String legId, Integer... statuses) {
        queuedStatuses.add(legId, statuses);
    }

    public List<Request> requestsFor(String legId) {
        return requests.stream().filter(r -> r.path().equals("/v1/calls/" + legId)).toList();
    }

    private StubHttpServer server(String name) {
        return StubHttpServer.start("vonage-" + name, exchange -> {
            try (exchange) {
                JsonNode body = StubHttpServer.body(exchange);
                String path = exchange.getRequestURI().getPath();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String leg = path.startsWith("/v1/calls/") ? path.substring("/v1/calls/".length()) : "";
                Integer queued = queuedStatuses.next(leg);
                int status = queued == null ? 204 : queued;
                requests.add(new Request(name, exchange.getRequestMethod(), path, auth, keys.jwtProblem(auth) == null,
                        body, status));
                if (status == 204) {
                    StubHttpServer.respondEmpty(exchange, 204);
                } else {
                    StubHttpServer.respond(exchange, status, "{\"type\":\"https://developer.nexmo.com/api-errors#x\","
                            + "\"title\":\"stub " + status + "\",\"detail\":\"stubbed\"}");
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
    }
}
