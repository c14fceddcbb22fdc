package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One transfer of a call (at most one in progress per call: {@link State#inProgress()}). */
@Entity
@Table(name = "call_transfer")
public class CallTransfer {

    public enum State {
        RINGING, CONSULTING, COMPLETED, CANCELLED, FAILED;

        public boolean inProgress() {
            return this == RINGING || this == CONSULTING;
        }
    }

    @Id
    public String id;

    @Column(name = "call_id")
    public String callId;

    /** {@code cold} or {@code warm}. */
    public String kind;

    @Enumerated(EnumType.STRING)
    public State state;

    /** {@code department}, {@code agent} or {@code number}. */
    @Column(name = "target_type")
    public String targetType;

    /** The target department's or agent's id, or the number. */
    @Column(name = "target_value")
    public String targetValue;

    @Column(name = "from_agent_id")
    public String fromAgentId;

    @Column(name = "target_agent_id")
    public String targetAgentId;

    @Column(name = "target_leg_id")
    public String targetLegId;

    /** The agent or supervisor who asked. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When a warm transfer in progress is next checked (its target leg asked about at Vonage); null when over. */
    @Column(name = "check_at")
    public Instant checkAt;
}
