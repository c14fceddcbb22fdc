package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What an {@link AgentActivity} record reports. */
@RegisterForReflection
public enum AgentActivityKind {
    /** The agent's status or state changed; the record carries both as they are now. */
    STATE_CHANGED,
    /** The agent recorded the disposition of a call they handled. */
    DISPOSITION
}
