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
    /** The call with the agent ended (the agent went to wrap-up). */
    COMPLETED
}
