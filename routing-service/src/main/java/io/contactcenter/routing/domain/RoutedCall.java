package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The routing state of one call (its caller leg uuid is the id). */
@Entity
@Table(name = "routed_call")
public class RoutedCall {

    public enum State { WAITING, CALLING, RINGING, CONNECTED, OVERFLOW, DONE }

    @Id
    @Column(name = "call_id")
    public String callId;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "caller_number")
    public String callerNumber;

    @Column(name = "region_url")
    public String regionUrl;

    @Enumerated(EnumType.STRING)
    public State state;

    public String outcome;

    @Column(name = "caller_gone")
    public boolean callerGone;

    /** When the caller left (the caller leg's final event's time). */
    @Column(name = "caller_gone_at")
    public Instant callerGoneAt;

    @Column(name = "queued_at")
    public Instant queuedAt;

    @Column(name = "next_try_at")
    public Instant nextTryAt;

    /**
     * When its last claim found no free agent (null once an agent is claimed): while a waiting call carries it,
     * the younger calls of its department are not offered an agent before it.
     */
    @Column(name = "missed_agent_at")
    public Instant missedAgentAt;

    /** Consecutive retryable failures of the current step (drives the back-off). */
    @Column(name = "try_count")
    public int tryCount;

    /** Agents tried so far. */
    public int attempts;

    @Column(name = "max_attempts")
    public Integer maxAttempts;

    @Column(name = "max_wait_seconds")
    public Integer maxWaitSeconds;

    @Column(name = "ringing_timeout")
    public Integer ringingTimeout;

    @Column(name = "current_attempt_id")
    public Long currentAttemptId;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean settingsKnown() {
        return maxAttempts != null && maxWaitSeconds != null && ringingTimeout != null;
    }

    public boolean isActive() {
        return state != State.DONE && state != State.OVERFLOW;
    }
}
