package io.contactcenter.survey.rest;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.service.SurveyQueryService;
import io.contactcenter.survey.service.SurveyQueryService.Filter;
import io.contactcenter.survey.service.SurveyQueryService.GroupBy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read API of survey outcomes (roles {@code admin} or {@code supervisor}). */
@Path("/surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "supervisor"})
public class SurveyResource {

    static final int MAX_PAGE_SIZE = 500;

    private final SurveyQueryService queries;

    public SurveyResource(SurveyQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Survey outcomes, newest first",
            description = "Filters: department, agent, from (inclusive), to (exclusive), status. Times are ISO-8601 "
                    + "instants or dates (UTC); they apply to when the survey was offered (or recorded, if never offered).")
    public SurveyPage list(@QueryParam("department") String department, @QueryParam("agent") String agent,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        int pageIndex = integer("page", page, 0, Integer.MAX_VALUE);
        int pageSize = integer("size", size, 1, MAX_PAGE_SIZE);
        SurveyQueryService.PageOf result = queries.list(filter(department, agent, from, to, status), pageIndex, pageSize);
        return new SurveyPage(result.items().stream().map(SurveyResource::view).toList(), pageIndex, pageSize,
                result.total());
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Survey figures grouped by department, agent or day (UTC)",
            description = "count = answered surveys, average score, top-2-box % (share of 4 and 5 among answered), "
                    + "response rate = answered / offered.")
    public SurveyStatsView stats(@QueryParam("groupBy") @DefaultValue("department") String groupBy,
            @QueryParam("department") String department, @QueryParam("agent") String agent,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        GroupBy grouping;
        try {
            grouping = GroupBy.valueOf(groupBy.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("groupBy must be department, agent or day");
        }
        List<SurveyStatsView.Group> groups = queries.stats(grouping, filter(department, agent, from, to, null)).stream()
                .map(s -> new SurveyStatsView.Group(s.key(), s.answered(), s.average(), s.top2BoxPercent(),
                        s.responseRate(), s.offered(), s.outcomes()))
                .toList();
        return new SurveyStatsView(grouping.name().toLowerCase(Locale.ROOT), groups);
    }

    private static Filter filter(String department, String agent, String from, String to, String status) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ProblemException.badRequest("from must be before to");
        }
        SurveyStatus surveyStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                surveyStatus = SurveyStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status must be ANSWERED, INVALID, NO_INPUT or CALLER_HUNG_UP");
            }
        }
        return new Filter(blankToNull(department), blankToNull(agent), fromInstant, toInstant, surveyStatus);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant (2026-11-22T10:00:00Z) or date");
        }
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ProblemException.badRequest(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static SurveyView view(SurveyResponse r) {
        return new SurveyView(r.callId, r.departmentId, r.agentId, r.status,
                r.score == null ? null : r.score.intValue(), r.callerNumber, r.offeredAt, r.answeredAt, r.recordedAt);
    }
}
