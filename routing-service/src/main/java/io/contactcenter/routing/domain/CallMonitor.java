package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A supervisor's monitor leg on a call: listen, whisper or barge, switchable until it ends. */
@Entity
@Table(name = "call_monitor")
public class CallMonitor {

    public static final String ACTIVE = "ACTIVE";
    public static final String ENDED = "ENDED";

    @Id
    public String id;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "supervisor_id")
    public String supervisorId;

    /** {@code listen}, {@code whisper} or {@code barge}. */
    public String mode;

    /** {@code phone}, {@code sip} or {@code app}. */
    @Column(name = "endpoint_type")
    public String endpointType;

    @Column(name = "endpoint_value")
    public String endpointValue;

    /** The supervisor's leg, once Vonage created it. */
    @Column(name = "leg_id")
    public String legId;

    /** {@link #ACTIVE} or {@link #ENDED}. */
    public String state;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
