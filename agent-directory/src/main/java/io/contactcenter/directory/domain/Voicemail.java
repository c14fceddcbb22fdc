package io.contactcenter.directory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A message a caller left while the department was closed (the recording stays at Vonage). */
@Entity
public class Voicemail {

    @Id
    public UUID id;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "department_id")
    public UUID departmentId;
    @Column(name = "caller_number")
    public String callerNumber;
    @Column(name = "recording_url")
    public String recordingUrl;
    @Column(name = "recording_uuid")
    public String recordingUuid;
    @Column(name = "duration_seconds")
    public Integer durationSeconds;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "received_at")
    public Instant receivedAt;
}
