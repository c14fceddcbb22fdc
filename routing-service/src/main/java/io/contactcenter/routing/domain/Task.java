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

/** A side effect still to perform for a call (directory or Vonage request), retried until it succeeds. */
@Entity
@Table(name = "task")
public class Task {

    public enum Kind {
        /** POST /assignments/{callId}/answered. */
        MARK_ANSWERED,
        /** POST /assignments/{callId}/release with {@link #outcome}. */
        RELEASE_AGENT,
        /** Vonage hangup of an agent leg. */
        HANGUP_LEG,
        /** Vonage transfer of the caller's leg to the overflow NCCO. */
        TRANSFER_OVERFLOW,
        /** Vonage transfer of the caller's leg to the department's hold music (out of the conversation). */
        HOLD_CALLER,
        /** Vonage transfer of the caller's leg back into the call's conversation. */
        CONNECT_CALLER,
        /** Vonage transfer of the caller's leg to a {@code connect} to the outside number {@link #ref}. */
        CONNECT_NUMBER,
        /**
         * Vonage transfer of the caller's leg to the closing words of a cold transfer to a number Vonage refused
         * ({@code routing.transfer.number-failed-text}); the call ends after them.
         */
        CLOSE_FAILED_NUMBER,
        /** Vonage transfer of a supervisor's leg to its monitor's ({@link #ref}) lists for the call's current agent. */
        MOVE_MONITOR,
        /**
         * Vonage transfer of the caller's leg ({@link #legId}) to the recording announcement, a record action and
         * (back) into the call's conversation.
         */
        RECORD_CALLER;

        /** Whether the task is a request to Vonage about one of the call's legs (it needs the call's region). */
        public boolean isVonageRequest() {
            return this != MARK_ANSWERED && this != RELEASE_AGENT;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "call_id")
    public String callId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "leg_id")
    public String legId;

    public String outcome;

    /** What else the request needs (a monitor's or transfer's id), by kind. */
    public String ref;

    @Column(name = "due_at")
    public Instant dueAt;

    public int tries;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Task of(String callId, Kind kind, String agentId, String legId, String outcome) {
        Task task = new Task();
        task.callId = callId;
        task.kind = kind;
        task.agentId = agentId;
        task.legId = legId;
        task.outcome = outcome;
        task.createdAt = Instant.now();
        task.dueAt = task.createdAt;
        return task;
    }
}
