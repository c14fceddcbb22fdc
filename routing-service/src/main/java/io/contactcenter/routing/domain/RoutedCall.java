package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The routing state of one call (its caller leg uuid is the id). */
@Entity
@Table(name = "routed_call")
public class RoutedCall {

    /** CALLING_BACK: a callback's agent is reserved and the caller's callback leg is being placed or rings. */
    public enum State { WAITING, CALLING_BACK, CALLING, RINGING, CONNECTED, OVERFLOW, DONE }

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

    /** When the waiting caller's next place-in-line announcement is due; null: the department's interval after queuedAt. */
    @Column(name = "next_announce_at")
    public Instant nextAnnounceAt;

    /** The number the caller asked to be called back on; non-null: the call is a callback (it keeps its place). */
    @Column(name = "callback_number")
    public String callbackNumber;

    /** When the caller was offered a callback (once per call). */
    @Column(name = "callback_offered_at")
    public Instant callbackOfferedAt;

    /** Tries of an unanswered callback after the first (the department's setting when it was offered). */
    @Column(name = "callback_retries")
    public Integer callbackRetries;

    /** Callback legs placed so far. */
    @Column(name = "callback_tries")
    public int callbackTries;

    /** The callback leg while it is being placed, rings or talks (the caller's leg of a callback). */
    @Column(name = "callback_leg_id")
    public String callbackLegId;

    /**
     * A callback asked for while its department was closed: not served before this instant (its next opening), and its
     * department's hours are read again then ({@code CallbackTransitions#opensFirst}).
     */
    @Column(name = "callback_not_before")
    public Instant callbackNotBefore;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The caller is in the hold-music NCCO (out of the conversation) since {@link #holdStartedAt}. */
    @Column(name = "on_hold")
    public boolean onHold;

    @Column(name = "hold_started_at")
    public Instant holdStartedAt;

    /** Seconds of the call's finished holds. */
    @Column(name = "hold_seconds")
    public int holdSeconds;

    /** Every agent who had the caller, comma-separated in order (more than one after transfers). */
    @Column(name = "agent_ids")
    public String agentIds;

    /**
     * The caller waits for the next agent with the hold music (a cold transfer to a department) and is brought back
     * into the conversation when that agent answers.
     */
    @Column(name = "caller_parked")
    public boolean callerParked;

    /** When a cold transfer put the call back into a queue: the target department's max wait counts from then. */
    @Column(name = "requeued_at")
    public Instant requeuedAt;

    /** When recording the caller's leg started; null when it is not recorded. */
    @Column(name = "recording_started_at")
    public Instant recordingStartedAt;

    /**
     * The department's recording mode, from its settings: {@code off} (or null), {@code on} (recorded when an agent
     * answers) or {@code on-request} (when its agent asks).
     */
    @Column(name = "recording_mode")
    public String recordingMode;

    public boolean settingsKnown() {
        return maxAttempts != null && maxWaitSeconds != null && ringingTimeout != null;
    }

    /** Hold time up to {@code now}: the finished holds and the one in progress. */
    public int holdSecondsAt(Instant now) {
        long current = onHold && holdStartedAt != null ? Duration.between(holdStartedAt, now).toSeconds() : 0;
        return holdSeconds + (int) Math.max(0, current);
    }

    /** Ends the hold in progress (if any) at {@code now}, adding it to {@link #holdSeconds}. */
    public void endHold(Instant now) {
        holdSeconds = holdSecondsAt(now);
        onHold = false;
        holdStartedAt = null;
    }

    /** Adds an agent to {@link #agentIds} (once). */
    public void addAgent(String agentId) {
        if (agentIds == null || agentIds.isBlank()) {
            agentIds = agentId;
        } else if (!List.of(agentIds.split(",")).contains(agentId)) {
            agentIds = agentIds + "," + agentId;
        }
    }

    public boolean isActive() {
        return state != State.DONE && state != State.OVERFLOW;
    }
}
