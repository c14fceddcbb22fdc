package io.contactcenter.gateway.client;

import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.support.auth.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The agent directory behind timeouts, retries and a circuit breaker. Callers handle the failures. Requests carry the
 * gateway's own short-lived token ({@code DIRECTORY_SERVICE_KEY}), renewed and the request sent again on a 401.
 */
@ApplicationScoped
public class DirectoryClient {

    /** The gateway's identity at the directory: its role there has the same name. */
    static final String SERVICE = "gateway";

    private final DirectoryApi api;
    private final ServiceToken token;

    public DirectoryClient(@RestClient DirectoryApi api, GatewayConfig config) {
        this.api = api;
        this.token = new ServiceToken(SERVICE, config.directory().serviceKey());
    }

    /** All departments, sorted by digit by the directory. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Department> departments() {
        return token.call(api::departments);
    }

    /**
     * Stores a message left outside opening hours (the directory keeps one per call, so a retry is harmless). Failures
     * are thrown: the recording webhook then answers 503 and Vonage retries.
     */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public StoredVoicemail storeVoicemail(Voicemail voicemail) {
        return token.call(authorization -> api.storeVoicemail(authorization, voicemail));
    }

    /**
     * Whether the directory allows this in-app agent's call now: the allowed call, or empty when the directory refused
     * it (4xx: not AVAILABLE, number not allowed, daily cap, not an agent). A refusal is an answer, not a failure: it
     * is neither retried nor counted by the circuit breaker. Failures (unreachable, 5xx, timeout) are thrown. At most
     * about 2.5 s in all, inside Vonage's 5 s answer budget.
     */
    @Timeout(value = 1200, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 100, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<OutboundCall> outboundCall(String callId, String appUser, String to) {
        OutboundCallRequest request = new OutboundCallRequest(callId, appUser, to);
        try {
            return Optional.of(token.call(authorization -> api.outboundCall(authorization, request)));
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
