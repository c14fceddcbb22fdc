package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which leg of a call an event is about. */
@RegisterForReflection
public enum Role {
    /** The inbound leg of the person who dialled the contact center (its uuid is the call id). */
    CALLER,
    /** An outbound leg created by routing towards an agent. */
    AGENT,
    /**
     * An outbound leg created by routing towards a supervisor who listens, whispers or barges into the call: neither
     * the caller nor an agent, so its end never reads as either leaving (routing and survey ignore it).
     */
    MONITOR
}
