package io.contactcenter.routing.client;

import io.contactcenter.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The agent directory behind fault tolerance: each request is time-boxed and retried briefly; a refusal (4xx)
 * is not retried. Longer outages are retried by the caller's scheduler (the request stays in the database).
 */
@ApplicationScoped
public class DirectoryClient {

    private record Cached(DirectoryModel.Department department, long expiresAtNanos) {
    }

    private final DirectoryApi api;
    private final long departmentTtlNanos;
    private final Map<String, Cached> departments = new ConcurrentHashMap<>();

    public DirectoryClient(@RestClient DirectoryApi api, RoutingConfig config) {
        this.api = api;
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
        DirectoryModel.Department department = translate(() -> api.department(departmentId));
        departments.put(departmentId, new Cached(department, now + departmentTtlNanos));
        return department;
    }

    /** Claims the longest-idle available agent of the department for the call (idempotent per call). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.Claim claim(String callId, String departmentId, List<String> excludeAgentIds) {
        return translate(() -> api.claim(new DirectoryModel.ClaimRequest(callId, departmentId, excludeAgentIds)));
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView answered(String callId, String agentId) {
        return translate(() -> api.answered(callId, new DirectoryModel.AgentRef(agentId)));
    }

    /** Releases the agent (idempotent in the directory). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView release(String callId, String agentId, String outcome) {
        return translate(() -> api.release(callId, new DirectoryModel.ReleaseRequest(agentId, outcome)));
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
