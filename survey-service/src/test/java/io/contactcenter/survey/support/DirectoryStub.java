package io.contactcenter.survey.support;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent directory's {@code GET /departments/{id}} as an HTTP stub: departments answer with their
 * {@code surveyEnabled}; a department marked broken answers 503; any other id 404; a wrong bearer token 401.
 */
public final class DirectoryStub {

    public static final String TOKEN = "directory-test-token";

    private final HttpServer server;
    private final Map<String, Boolean> surveyEnabled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> broken = new ConcurrentHashMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    DirectoryStub() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/departments/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                String id = exchange.getRequestURI().getPath().substring("/departments/".length());
                if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    unauthorized.incrementAndGet();
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                if (broken.containsKey(id)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                Boolean enabled = surveyEnabled.get(id);
                if (enabled == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = ("{\"id\":\"" + id + "\",\"digit\":1,\"name\":\"Sales\",\"spokenName\":\"Sales\","
                        + "\"maxWaitSeconds\":120,\"ringingTimeoutSeconds\":20,\"wrapUpSeconds\":10,\"maxAttempts\":3,"
                        + "\"surveyEnabled\":" + enabled + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void department(String id, boolean enabled) {
        surveyEnabled.put(id, enabled);
    }

    public void broken(String id) {
        broken.put(id, true);
    }

    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    public int requests() {
        return requests.get();
    }
}
