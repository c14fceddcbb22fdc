package io.contactcenter.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The agent directory behind timeouts, retries and a circuit breaker. Callers handle the failures. */
@ApplicationScoped
public class DirectoryClient {

    private final DirectoryApi api;

    public DirectoryClient(@RestClient DirectoryApi api) {
        this.api = api;
    }

    /** All departments, sorted by digit by the directory. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Department> departments() {
        return api.departments();
    }

    /** The agents whose endpoint is Vonage app user {@code appUser} (usually zero or one). */
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 100, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Agent> agentsByAppUser(String appUser) {
        return api.agentsByAppUser(appUser);
    }
}
