package io.contactcenter.directory.client;

import io.contactcenter.directory.config.DirectoryConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks survey-service for an agent's scores ({@code SURVEY_URL}). The request carries the caller's own bearer token
 * (the agent's, or a supervisor's or admin's): survey verifies it as it verifies every people's token, and lets an
 * agent read only its own summary. Without {@code SURVEY_URL}, or when survey does not answer in time, there is no
 * score (the desk shows none) rather than an error.
 */
@ApplicationScoped
public class SurveyClient {

    private static final Logger LOG = Logger.getLogger(SurveyClient.class);

    private final Optional<SurveyApi> api;

    public SurveyClient(DirectoryConfig config) {
        this.api = config.surveyUrl().filter(url -> !url.isBlank()).map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(1, TimeUnit.SECONDS)
                .readTimeout(2, TimeUnit.SECONDS)
                .build(SurveyApi.class));
    }

    public Optional<SurveyApi.Summary> summary(UUID agentId, Instant from, Instant to, String authorization) {
        if (api.isEmpty() || authorization == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(api.get().summary(agentId.toString(), from.toString(), to.toString(), authorization));
        } catch (RuntimeException e) {
            LOG.warnf("survey-service did not give agent %s's score: %s", agentId, e.getMessage());
            return Optional.empty();
        }
    }
}
