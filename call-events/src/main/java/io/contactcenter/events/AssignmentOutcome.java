package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Progress of routing one call to an agent, as published on {@link Topics#CALL_ASSIGNMENTS}. */
@RegisterForReflection
public enum AssignmentOutcome {
    /** An agent was claimed and the agent leg is ringing. */
    RINGING,
    /** The agent answered; caller and agent are in one conversation. */
    ANSWERED,
    /** The agent did not answer (busy, rejected, timeout, unanswered); routing tries the next one. */
    NO_ANSWER,
    /** The agent leg could not be created or failed. */
    FAILED,
    /** Nobody could take the call within the department's max wait; the caller got the overflow message. */
    NO_AGENT,
    /** The caller hung up before an agent answered. */
    ABANDONED,
    /**
     * The call with the last agent ended (the agent went to wrap-up): the call is over for routing. Its detail names
     * every agent who had the call ({@code agentIds}) and the hold time ({@code holdSeconds}).
     */
    COMPLETED,
    /**
     * An agent (or a supervisor) asked to transfer the call: detail {@code transferId}, {@code transferKind},
     * {@code transferTarget}; {@link #agentId} is the agent who had the call.
     */
    TRANSFER_STARTED,
    /**
     * This agent's part of a transferred call ended (the agent went to wrap-up); the call goes on with the target
     * (another agent, the target department's queue or an outside number). Not the end of the call.
     */
    TRANSFERRED,
    /**
     * A transfer did not happen: the target declined, did not answer, was not available, or the caller hung up
     * meanwhile; the caller stays with (or returns to) the agent who had the call.
     */
    TRANSFER_FAILED,
    /** The agent cancelled a warm transfer: the caller is back with them. */
    TRANSFER_CANCELLED,
    /**
     * The call was handed to an outside number (a cold transfer to a number, after the agent's {@link #TRANSFERRED}):
     * the call is over for routing, the caller stays with the outside party. Detail as {@link #COMPLETED} and
     * {@link #TRANSFER_STARTED}'s.
     */
    TRANSFERRED_EXTERNAL
}
