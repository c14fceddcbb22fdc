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
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_department", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "department_id")
    public Set<UUID> departmentIds = new LinkedHashSet<>();
}
