package io.contactcenter.directory.domain;

/** Why an assignment ended. */
public enum ReleaseOutcome {
    /** The agent talked to the caller: wrap-up follows. */
    COMPLETED,
    /** The agent's leg was not answered (busy, rejected, timeout, failed). */
    NO_ANSWER,
    /** Routing withdrew the call before the agent could answer (the caller hung up): not the agent's doing. */
    CANCELLED
}
