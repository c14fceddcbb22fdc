package io.contactcenter.routing.client;

import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.support.auth.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The agent directory behind fault tolerance: each request is time-boxed and retried briefly; a refusal (4xx)
 * is not retried. Longer outages are retried by the caller's scheduler (the request stays in the database). Requests
 * carry routing's own short-lived token ({@code DIRECTORY_SERVICE_KEY}), renewed and the request sent again on a 401.
 */
@ApplicationScoped
public class DirectoryClient {

    private record Cached(DirectoryModel.Department department, long expiresAtNanos) {
    }

    /** Routing's identity at the directory: its role there has the same name. */
    static final String SERVICE = "routing";

    private final DirectoryApi api;
    private final ServiceToken token;
    private final long departmentTtlNanos;
    private final Map<String, Cached> departments = new ConcurrentHashMap<>();

    public DirectoryClient(@RestClient DirectoryApi api, RoutingConfig config) {
        this.api = api;
        this.token = new ServiceToken(SERVICE, config.directoryServiceKey());
        this.departmentTtlNanos = config.departmentCacheTtl().toNanos();
    }

    /** The department's settings, reused for {@code routing.department-cache-ttl}. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.Department department(String departmentId) {
        long now = System.nanoTime();
        Cached cached = departments.get(departmentId);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.department();
        }
        DirectoryModel.Department department = translate(() -> token.call(auth -> api.department(auth, departmentId)));
        departments.put(departmentId, new Cached(department, now + departmentTtlNanos));
        return department;
    }

    /** Claims the longest-idle available agent of the department for the call (idempotent per call). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.Claim claim(DirectoryModel.ClaimRequest request) {
        return translate(() -> token.call(auth -> api.claim(auth, request)));
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView answered(String callId, String agentId) {
        return translate(() -> token.call(auth -> api.answered(auth, callId, new DirectoryModel.AgentRef(agentId))));
    }

    /** Releases the agent (idempotent in the directory). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView release(String callId, String agentId, String outcome) {
        DirectoryModel.ReleaseRequest request = new DirectoryModel.ReleaseRequest(agentId, outcome);
        return translate(() -> token.call(auth -> api.release(auth, callId, request)));
    }

    private static <T> T translate(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            String message = "directory answered " + status;
            DirectoryException translated = new DirectoryException(status, message, e);
            if (translated.permanent()) {
                throw new DirectoryException.Rejected(status, message, e);
            }
            throw translated;
        } catch (DirectoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DirectoryException(0, "directory unreachable: " + e.getMessage(), e);
        }
    }
}
