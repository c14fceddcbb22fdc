package io.contactcenter.wallboard.domain;

/** What a {@link Fact} says about a call. Each kind but {@link #TRANSFERRED} is emitted at most once per call. */
public enum FactKind {
    /** The caller chose the department ({@code requestedAt}). */
    OFFERED,
    /** An agent answered ({@code ANSWERED}); carries the wait since {@code requestedAt}. */
    ANSWERED,
    /** The caller hung up before an agent answered ({@code ABANDONED}). */
    ABANDONED,
    /** Nobody took the call within the department's max wait ({@code NO_AGENT}). */
    OVERFLOWED,
    /** The conversation with the agent ended ({@code COMPLETED} after {@code ANSWERED}); carries the handle time. */
    HANDLED,
    /** The call's survey result; carries the score when the caller gave one. */
    SURVEY,
    /** An agent's part of the call ended in a transfer ({@code TRANSFERRED}): one per transfer, not per call. */
    TRANSFERRED
}
