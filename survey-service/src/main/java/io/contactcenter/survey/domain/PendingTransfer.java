package io.contactcenter.survey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A transfer of the caller's leg still to be made; polled by the transfer worker, so it survives restarts. */
@Entity
@Table(name = "pending_transfer")
public class PendingTransfer {

    /** Where the caller is sent. */
    public enum Purpose {
        /** The survey NCCO (the journey is {@code PENDING_TRANSFER}). */
        SURVEY,
        /** A closing message that ends the call: there will be no survey (the journey is settled). */
        CLOSING
    }

    @Id
    @Column(name = "call_id")
    public String callId;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", nullable = false)
    public Purpose purpose = Purpose.SURVEY;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "give_up_at", nullable = false)
    public Instant giveUpAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
