package io.contactcenter.survey.client;

import io.contactcenter.support.auth.ServiceToken;
import io.contactcenter.survey.config.SurveyConfig;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The agent directory behind fault tolerance: whether a department wants post-call surveys ({@code surveyEnabled} of
 * {@code GET /departments/{id}}), cached for {@code survey.directory.cache-ttl}. A request is time-boxed and, when it
 * got no answer, sent once more; when the directory still cannot answer (or refuses), the survey is considered enabled
 * (a survey too many is better than a silently lost one), which is logged and not cached. Requests carry the survey
 * service's own short-lived token ({@code DIRECTORY_SERVICE_KEY}), renewed and the request sent again on a 401. Never
 * called inside a database transaction: the journey's transitions read only {@link #cachedSurveyEnabled}.
 */
@ApplicationScoped
public class DirectoryClient {

    /** The survey service's identity at the directory: its role there has the same name. */
    static final String SERVICE = "survey";

    private final SurveyConfig.Directory config;
    private final ServiceToken token;
    private final DirectoryApi api;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DirectoryClient(SurveyConfig config) {
        this.config = config.directory();
        this.token = new ServiceToken(SERVICE, this.config.serviceKey());
        long timeoutMillis = this.config.timeout().toMillis();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(this.config.url()))
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .build(DirectoryApi.class);
    }

    /** The department's answer when it is cached and fresh; empty when the directory has to be asked. */
    public Optional<Boolean> cachedSurveyEnabled(String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            return Optional.of(true);
        }
        Cached cached = cache.get(departmentId);
        return cached != null && cached.until.isAfter(Instant.now()) ? Optional.of(cached.enabled) : Optional.empty();
    }

    /** Whether the department wants surveys: the cached answer, else the directory's (enabled when it cannot say). */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, abortOn = WebApplicationException.class)
    @Fallback(fallbackMethod = "enabledByDefault")
    public boolean surveyEnabled(String departmentId) {
        Optional<Boolean> cached = cachedSurveyEnabled(departmentId);
        if (cached.isPresent()) {
            return cached.get();
        }
        Boolean answer = token.call(authorization -> api.department(authorization, departmentId)).surveyEnabled();
        boolean enabled = answer == null || answer;
        cache.put(departmentId, new Cached(enabled, Instant.now().plus(config.cacheTtl())));
        return enabled;
    }

    boolean enabledByDefault(String departmentId, Throwable failure) {
        Log.warnf("directory did not say whether department %s wants surveys (%s); offering the survey (default enabled)",
                departmentId, failure instanceof WebApplicationException refused
                        ? "answered " + refused.getResponse().getStatus() : failure.toString());
        return true;
    }

    private record Cached(boolean enabled, Instant until) {
    }
}
