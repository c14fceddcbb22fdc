package io.contactcenter.routing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recording of a call that Vonage reported (deleted after the retention). */
@Entity
@Table(name = "call_recording")
public class CallRecording {

    /** Vonage's {@code recording_uuid} (else the record's event id): one row per recording. */
    @Id
    @Column(name = "recording_uuid")
    public String recordingUuid;

    @Column(name = "call_id")
    public String callId;

    /** The call's department when the recording was reported. */
    @Column(name = "department_id")
    public String departmentId;

    /** Every agent who had the caller, comma-separated in order. */
    @Column(name = "agent_ids")
    public String agentIds;

    /** Where Vonage keeps the file (fetched with the application's JWT). */
    public String url;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    @Column(name = "started_at")
    public Instant startedAt;
}
