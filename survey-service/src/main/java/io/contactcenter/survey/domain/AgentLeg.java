package io.contactcenter.survey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One agent leg of a call (one per routing attempt). */
@Entity
@Table(name = "agent_leg")
public class AgentLeg {

    @Id
    @Column(name = "leg_id")
    public String legId;

    @Column(name = "call_id", nullable = false)
    public String callId;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "last_status")
    public String lastStatus;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
