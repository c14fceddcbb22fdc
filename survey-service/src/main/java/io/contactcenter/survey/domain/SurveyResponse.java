package io.contactcenter.survey.domain;

import io.contactcenter.events.SurveyStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The outcome of one call's survey: one row per call, published once to {@code survey-results}. */
@Entity
@Table(name = "survey_response")
public class SurveyResponse {

    @Id
    @Column(name = "call_id")
    public String callId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "agent_id")
    public String agentId;

    /** Every agent who talked to the caller (one unless the call was transferred): the score counts for each. */
    @Column(name = "agent_ids")
    public String[] agentIds;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public SurveyStatus status;

    @Column(name = "score")
    public Short score;

    /** Already masked. */
    @Column(name = "caller_number")
    public String callerNumber;

    @Column(name = "offered_at")
    public Instant offeredAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** When the outcome was recorded. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The time the read API filters and groups by: when the survey was offered, else when the outcome was recorded. */
    @Column(name = "survey_at", nullable = false)
    public Instant surveyAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
