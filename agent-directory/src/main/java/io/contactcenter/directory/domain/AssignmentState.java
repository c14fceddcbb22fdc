package io.contactcenter.directory.domain;

/** Life of one agent's assignment to one call. */
public enum AssignmentState {
    /** The agent is claimed for the call and its leg rings. */
    RESERVED,
    /** The agent answered. */
    ON_CALL,
    /** Over; the agent is free again (or in wrap-up). */
    RELEASED
}
