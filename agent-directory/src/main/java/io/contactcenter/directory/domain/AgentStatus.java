package io.contactcenter.directory.domain;

/** Whether an agent wants calls; set by the agent or an admin. */
public enum AgentStatus {
    AVAILABLE, AWAY, OFFLINE
}
