package io.contactcenter.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which leg of a call an event is about. */
@RegisterForReflection
public enum Role {
    /** The inbound leg of the person who dialled the contact center (its uuid is the call id). */
    CALLER,
    /** An outbound leg created by routing towards an agent. */
    AGENT
}
