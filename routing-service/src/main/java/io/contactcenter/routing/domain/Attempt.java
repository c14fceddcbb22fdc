package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One agent tried for a call, and that agent's leg. */
@Entity
@Table(name = "attempt")
public class Attempt {

    public enum State {
        CLAIMED, RINGING, ANSWERED, COMPLETED, NO_ANSWER, FAILED, CANCELLED;

        public boolean isLive() {
            return this == CLAIMED || this == RINGING || this == ANSWERED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "attempt_no")
    public int attemptNo;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "agent_leg_id")
    public String agentLegId;

    /** phone, app or sip (the directory's endpoint type). */
    @Column(name = "endpoint_type")
    public String endpointType;

    @Column(name = "endpoint_value")
    public String endpointValue;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
