package io.contactcenter.directory.domain;

/** What an agent is doing; set by the system only. */
public enum AgentState {
    IDLE, RESERVED, ON_CALL, WRAP_UP
}
