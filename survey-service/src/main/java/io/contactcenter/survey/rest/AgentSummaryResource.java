package io.contactcenter.survey.rest;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One agent's survey score over a time range, for the agent's own desk (the agent directory passes the agent's own
 * bearer token on): an {@code agent} token only for its own id (token subject = agent id); {@code admin} and
 * {@code supervisor} for any agent.
 */
@Path("/surveys/agents/{agentId}/summary")
@Produces(MediaType.APPLICATION_JSON)
public class AgentSummaryResource {

    private final EntityManager entityManager;
    private final SecurityIdentity caller;

    public AgentSummaryResource(EntityManager entityManager, SecurityIdentity caller) {
        this.entityManager = entityManager;
        this.caller = caller;
    }

    /** Answered surveys of the agent's calls offered in {@code [from, to)} (ISO-8601 instants, both required). */
    @GET
    @RolesAllowed({"admin", "supervisor", "agent"})
    @Transactional
    public AgentSummaryView summary(@PathParam("agentId") String agentId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (!caller.hasRole("admin") && !caller.hasRole("supervisor")
                && !agentId.equals(caller.getPrincipal().getName())) {
            throw ProblemException.forbidden("an agent may only read its own summary");
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (!fromInstant.isBefore(toInstant)) {
            throw ProblemException.badRequest("from must be before to");
        }
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select count(*), avg(score) from survey_response
                 where agent_ids @> ARRAY[CAST(:agent AS VARCHAR)] and status = :answered and score is not null
                   and survey_at >= :from and survey_at < :to""")
                .setParameter("agent", agentId).setParameter("answered", SurveyStatus.ANSWERED.name())
                .setParameter("from", fromInstant).setParameter("to", toInstant)
                .getSingleResult();
        long count = ((Number) row[0]).longValue();
        Double average = row[1] == null ? null : Math.round(((Number) row[1]).doubleValue() * 100) / 100.0;
        return new AgentSummaryView(agentId, count, average);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name + " is required (an ISO-8601 instant)");
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant (2026-11-22T10:00:00Z)");
        }
    }
}
