package io.contactcenter.directory.client;

import io.contactcenter.support.auth.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The agent directory behind fault tolerance, the one client of it every service uses. Each request carries the
 * service's own short-lived token ({@code DIRECTORY_SERVICE_KEY}), renewed and the request sent again on a 401; it is
 * time-boxed and retried briefly when it failed transiently (no answer, 5xx, 408, 429, a timeout), never when the
 * directory refused it ({@link DirectoryException.Rejected}). Failures are thrown as {@link DirectoryException} (or
 * fault tolerance's timeout and open-circuit exceptions); longer outages are for the caller to ride out. The gateway's
 * requests, made while Vonage waits for an answer, also sit behind a circuit breaker and shorter budgets.
 */
@ApplicationScoped
public class DirectoryClient {

    private record Cached(DirectoryModel.Department department, long expiresAtNanos) {
    }

    private final DirectoryApi api;
    private final ServiceToken token;
    private final long departmentTtlNanos;
    private final Map<String, Cached> departments = new ConcurrentHashMap<>();

    public DirectoryClient(@RestClient DirectoryApi api, DirectoryClientConfig config) {
        this.api = api;
        this.token = new ServiceToken(config.serviceName(), config.serviceKey());
        this.departmentTtlNanos = config.departmentCacheTtl().toNanos();
    }

    /** All departments, sorted by digit by the directory (the gateway's menu). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = DirectoryException.Rejected.class)
    public List<DirectoryModel.Department> departments() {
        return send(api::departments);
    }

    /** The department's settings, reused for {@code directory.department-cache-ttl}. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.Department department(String departmentId) {
        Optional<DirectoryModel.Department> cached = cachedDepartment(departmentId);
        if (cached.isPresent()) {
            return cached.get();
        }
        DirectoryModel.Department department = send(auth -> api.department(auth, departmentId));
        departments.put(departmentId, new Cached(department, System.nanoTime() + departmentTtlNanos));
        return department;
    }

    /** The department's settings when they are cached and fresh; empty when the directory has to be asked. */
    public Optional<DirectoryModel.Department> cachedDepartment(String departmentId) {
        Cached cached = departments.get(departmentId);
        return cached != null && System.nanoTime() - cached.expiresAtNanos() < 0
                ? Optional.of(cached.department()) : Optional.empty();
    }

    /** Claims the longest-idle available agent of the department for the call (idempotent per call). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.Claim claim(DirectoryModel.ClaimRequest request) {
        return send(auth -> api.claim(auth, request));
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView answered(String callId, String agentId) {
        return send(auth -> api.answered(auth, callId, new DirectoryModel.AgentRef(agentId)));
    }

    /**
     * Renews the agent's reservation for the call (the directory's stuck-agent bound counts from now); a reservation
     * the directory already released is refused ({@link DirectoryException.Rejected}, 409).
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView renewed(String callId, String agentId) {
        return send(auth -> api.renewed(auth, callId, new DirectoryModel.AgentRef(agentId)));
    }

    /** Releases the agent (idempotent in the directory). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public DirectoryModel.AssignmentView release(String callId, String agentId, String outcome) {
        return send(auth -> api.release(auth, callId, new DirectoryModel.ReleaseRequest(agentId, outcome)));
    }

    /**
     * Whether the directory allows this in-app agent's call now: the allowed call, or empty when the directory refused
     * it (not AVAILABLE, number not allowed, daily cap, not an agent). A refusal is an answer, not a failure. At most
     * about 2.5 s in all, inside Vonage's 5 s answer budget.
     */
    @Timeout(value = 1200, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 100, abortOn = DirectoryException.Rejected.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = DirectoryException.Rejected.class)
    public Optional<DirectoryModel.OutboundCall> outboundCall(String callId, String appUser, String to) {
        DirectoryModel.OutboundCallRequest request = new DirectoryModel.OutboundCallRequest(callId, appUser, to);
        try {
            return Optional.of(send(auth -> api.outboundCall(auth, request)));
        } catch (DirectoryException.Rejected refused) {
            return Optional.empty();
        }
    }

    /**
     * Whether a call may be handed to {@code to} from the contact-center number (routing's cold transfer to a number):
     * returns when the directory's outbound allow-list has it, else throws its refusal ({@link DirectoryException.Rejected}:
     * 403 not allowed, 400 not a number).
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    public void checkOutboundNumber(String to) {
        send(auth -> {
            api.checkOutboundNumber(auth, new DirectoryModel.NumberCheck(to));
            return null;
        });
    }

    /** Stores a message left outside opening hours (the directory keeps one per call, so a retry is harmless). */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DirectoryException.Rejected.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = DirectoryException.Rejected.class)
    public DirectoryModel.StoredVoicemail storeVoicemail(DirectoryModel.Voicemail voicemail) {
        return send(auth -> api.storeVoicemail(auth, voicemail));
    }

    /** Sends the request with the service's token and turns its failures into {@link DirectoryException}s. */
    private <T> T send(Function<String, T> request) {
        try {
            return token.call(request::apply);
        } catch (WebApplicationException e) {
            throw translate(e.getResponse() == null ? 0 : e.getResponse().getStatus(), e);
        } catch (DirectoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DirectoryException(0, "directory unreachable: " + e.getMessage(), e);
        }
    }

    static DirectoryException translate(int status, Throwable cause) {
        String message = "directory answered " + status;
        return DirectoryException.permanent(status)
                ? new DirectoryException.Rejected(status, message, cause)
                : new DirectoryException(status, message, cause);
    }
}
