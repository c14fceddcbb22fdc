package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The outcome of one call's post-call survey (topic {@link Topics#SURVEY_RESULTS}), for dashboards.
 *
 * @param score 1 to 5 when {@code status} is {@link SurveyStatus#ANSWERED}, else null
 * @param callerNumber masked, e.g. {@code 4477****0000}
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
        Instant answeredAt) {

    public static final int VERSION = 1;
}
