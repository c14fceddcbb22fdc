package io.contactcenter.directory.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A person who takes calls for one or more departments. */
@Entity
public class Agent {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "endpoint_type")
    public EndpointType endpointType;
    @Column(name = "endpoint_value")
    public String endpointValue;
    @Enumerated(EnumType.STRING)
    public AgentStatus status;
    @Enumerated(EnumType.STRING)
    public AgentState state;
    @Column(name = "last_idle_at")
    public Instant lastIdleAt;
    @Column(name = "wrap_up_until")
    public Instant wrapUpUntil;
    @Column(name = "consecutive_no_answers")
    public int consecutiveNoAnswers;
    /** The Vonage user id (USR-…) of an in-app agent; null until provisioned. */
    @Column(name = "vonage_user_id")
    public String vonageUserId;
    /** bcrypt hash (modular crypt form); null: the agent cannot sign in. Never leaves the service layer. */
    @Column(name = "password_hash")
    public String passwordHash;
    /** Supervisors' sign-in tokens also carry the {@code supervisor} role. */
    public boolean supervisor;
    /** Raised with every status or state change (agent-activity's {@code agentVersion}). */
    public long version;
    /** When the current state began. */
    @Column(name = "state_since")
    public Instant stateSince;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_department", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "department_id")
    public Set<UUID> departmentIds = new LinkedHashSet<>();

    /** Moves to {@code next}; the state's start time only changes when the state does. */
    public void enter(AgentState next, Instant now) {
        if (state != next) {
            state = next;
            stateSince = now;
        }
    }
}
