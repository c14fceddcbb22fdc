package io.contactcenter.directory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An agent-activity record written in the same transaction as the change it reports, published afterwards. */
@Entity
@Table(name = "activity_outbox")
public class ActivityOutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "agent_id")
    public UUID agentId;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
