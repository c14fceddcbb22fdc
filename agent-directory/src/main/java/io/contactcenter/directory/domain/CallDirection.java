package io.contactcenter.directory.domain;

/** A caller routed to the agent, or the agent's own call to a number (in-app agents' dial pad). */
public enum CallDirection {
    INBOUND,
    OUTBOUND
}
