package io.contactcenter.survey.rest;

import io.contactcenter.events.SurveyStatus;
import java.time.Instant;

/** One call's survey outcome (caller number masked). */
public record SurveyView(String callId, String department, String agentId, SurveyStatus status, Integer score,
        String callerNumber, Instant offeredAt, Instant answeredAt, Instant recordedAt) {
}
