package io.contactcenter.directory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One agent claimed for one call. */
@Entity
@Table(name = "assignment")
public class CallAssignment {

    @Id
    public UUID id;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "agent_id")
    public UUID agentId;
    @Column(name = "department_id")
    public UUID departmentId;
    @Enumerated(EnumType.STRING)
    public AssignmentState state;
    @Enumerated(EnumType.STRING)
    public ReleaseOutcome outcome;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    /** When routing last renewed this reservation (null: never); the stuck-agent bound counts from it. */
    @Column(name = "renewed_at")
    public Instant renewedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "released_at")
    public Instant releasedAt;
    /** Screen pop: the caller's number, since when they wait, which attempt this is (null from older routing). */
    @Column(name = "caller_number")
    public String callerNumber;
    @Column(name = "waiting_since")
    public Instant waitingSince;
    public Integer attempt;
    @Enumerated(EnumType.STRING)
    public CallDirection direction = CallDirection.INBOUND;
    /** The agent's own leg (Vonage uuid) once its events named it; an outbound call's is its call id. */
    /** Routing's transfer this agent was claimed for (the call's first agent has none). */
    @Column(name = "transfer_id")
    public String transferId;
    @Column(name = "agent_leg_id")
    public String agentLegId;
    /** When {@code service/StuckAgents} last asked Vonage whether this ON_CALL agent's leg still runs. */
    @Column(name = "leg_checked_at")
    public Instant legCheckedAt;
}
