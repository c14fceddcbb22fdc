package io.contactcenter.survey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the survey service knows about one call (key: the caller leg's uuid). */
@Entity
@Table(name = "journey")
public class Journey {

    @Id
    @Column(name = "call_id")
    public String callId;

    @Column(name = "caller_number")
    public String callerNumber;

    @Column(name = "region_url")
    public String regionUrl;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "agent_id")
    public String agentId;

    /** Every agent who had the call, comma-separated in order (routing's COMPLETED); null until known. */
    @Column(name = "agent_ids")
    public String agentIds;

    /**
     * The caller's current leg when it is not the call id's own: the callback leg that routing placed (null: the
     * call id's leg).
     */
    @Column(name = "caller_leg_id")
    public String callerLegId;

    @Column(name = "caller_status")
    public String callerStatus;

    /** Vonage's time of the caller leg's final status. */
    @Column(name = "caller_final_at")
    public Instant callerFinalAt;

    /** When this service learned that the caller's leg is over. */
    @Column(name = "caller_final_seen_at")
    public Instant callerFinalSeenAt;

    /** When routing's ANSWERED assignment arrived: routing saw the agent join a caller still on the line. */
    @Column(name = "agent_confirmed_at")
    public Instant agentConfirmedAt;

    /** When routing's COMPLETED assignment arrived: the agent's conversation with the caller ended. */
    @Column(name = "agent_ended_at")
    public Instant agentEndedAt;

    /**
     * When routing's record that the call is over for routing arrived ({@code COMPLETED}, {@code ABANDONED},
     * {@code TRANSFERRED_EXTERNAL}, {@code NO_AGENT}); null until then.
     */
    @Column(name = "routing_ended_at")
    public Instant routingEndedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "survey_state", nullable = false)
    public SurveyState surveyState;

    @Column(name = "survey_note")
    public String surveyNote;

    /** When the survey transfer was given up (state FAILED). */
    @Column(name = "survey_given_up_at")
    public Instant surveyGivenUpAt;

    @Column(name = "offered_at")
    public Instant offeredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The leg the caller is on: the one the survey transfers, whose end is the caller leaving. */
    public String callerLeg() {
        return callerLegId != null ? callerLegId : callId;
    }

    public boolean callerGone() {
        return callerFinalSeenAt != null;
    }
}
