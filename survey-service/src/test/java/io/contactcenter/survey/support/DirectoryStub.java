package io.contactcenter.survey.support;

import io.contactcenter.testsupport.DirectoryJson;
import io.contactcenter.testsupport.ServiceTokenCheck;
import io.contactcenter.testsupport.StubHttpServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent directory's {@code GET /departments/{id}} as an HTTP stub: departments answer with their
 * {@code surveyEnabled}; a department marked broken answers 503; any other id 404; anything but the survey service's own
 * valid token ({@link ServiceTokenCheck}) 401.
 */
public final class DirectoryStub {

    private final ServiceTokenCheck tokens = new ServiceTokenCheck("survey");
    private final StubHttpServer server;
    private final Map<String, Boolean> surveyEnabled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> broken = new ConcurrentHashMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    DirectoryStub() {
        server = StubHttpServer.start("directory", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                String path = exchange.getRequestURI().getPath();
                String id = path.startsWith("/departments/") ? path.substring("/departments/".length()) : "";
                if (tokens.problem(exchange.getRequestHeaders().getFirst("Authorization")) != null) {
                    unauthorized.incrementAndGet();
                    DirectoryJson.respond(exchange, 401, DirectoryJson.problem(401, "Unauthorized"));
                    return;
                }
                if (broken.containsKey(id)) {
                    DirectoryJson.respond(exchange, 503, DirectoryJson.problem(503, "Service Unavailable"));
                    return;
                }
                Boolean enabled = surveyEnabled.get(id);
                if (enabled == null) {
                    DirectoryJson.respond(exchange, 404, DirectoryJson.problem(404, "Not Found"));
                    return;
                }
                DirectoryJson.respond(exchange, 200, DirectoryJson.department(id, "Sales", 120, 20, 10, 3, enabled));
            }
        });
    }

    public String url() {
        return server.url();
    }

    public void department(String id, boolean enabled) {
        surveyEnabled.put(id, enabled);
    }

    public void broken(String id) {
        broken.put(id, true);
    }

    /** The survey service's private key file ({@code DIRECTORY_SERVICE_KEY}). */
    public String serviceKeyFile() {
        return tokens.privateKeyFile();
    }

    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    public int requests() {
        return requests.get();
    }
}
