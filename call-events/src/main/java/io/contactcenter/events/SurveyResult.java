package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one call's post-call survey (topic {@link Topics#SURVEY_RESULTS}), for dashboards.
 *
 * @param score 1 to 5 when {@code status} is {@link SurveyStatus#ANSWERED}, else null
 * @param agentId the (last) agent who had the call
 * @param callerNumber masked, e.g. {@code 4477****0000}
 * @param agentIds every agent who talked to the caller, in the order they took the call (one unless the call was
 *                 transferred); the score counts for each of them
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyResult(
        String eventId,
        int version,
        String callId,
        String department,
        String agentId,
        Integer score,
        SurveyStatus status,
        String callerNumber,
        Instant offeredAt,
        Instant answeredAt,
        List<String> agentIds) {

    public static final int VERSION = 1;

    /** A result of a call one agent had. */
    public SurveyResult(String eventId, int version, String callId, String department, String agentId, Integer score,
            SurveyStatus status, String callerNumber, Instant offeredAt, Instant answeredAt) {
        this(eventId, version, callId, department, agentId, score, status, callerNumber, offeredAt, answeredAt,
                agentId == null ? null : List.of(agentId));
    }
}
