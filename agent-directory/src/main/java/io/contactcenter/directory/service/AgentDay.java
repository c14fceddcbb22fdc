package io.contactcenter.directory.service;

import io.contactcenter.directory.client.SurveyApi;
import io.contactcenter.directory.client.SurveyClient;
import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.rest.TodayView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** The agent's day so far ({@code DIRECTORY_TIME_ZONE}): its handled calls from the directory, its score from survey. */
@ApplicationScoped
public class AgentDay {

    private final AssignmentRepository assignments;
    private final AgentService agents;
    private final SurveyClient survey;
    private final ZoneId zone;
    private final Clock clock;

    public AgentDay(AssignmentRepository assignments, AgentService agents, SurveyClient survey,
            DirectoryConfig config, Clock clock) {
        this.assignments = assignments;
        this.agents = agents;
        this.survey = survey;
        this.zone = config.timeZone();
        this.clock = clock;
    }

    /** {@code authorization}: the caller's own bearer header, passed on to survey-service. */
    public TodayView today(UUID agentId, String authorization) {
        agents.get(agentId); // 404 for an unknown agent
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        AssignmentRepository.HandledCalls handled = QuarkusTransaction.requiringNew()
                .call(() -> assignments.handled(agentId, from, to));
        Optional<SurveyApi.Summary> scores = survey.summary(agentId, from, to, authorization);
        return new TodayView(handled.count(),
                handled.averageSeconds() == null ? null : Math.round(handled.averageSeconds()),
                scores.map(SurveyApi.Summary::averageScore).orElse(null),
                scores.map(SurveyApi.Summary::scoredCalls).orElse(0L));
    }
}
