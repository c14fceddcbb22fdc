package io.contactcenter.directory.rest;

import java.time.Instant;
import java.util.UUID;

/** A stored message; the recording is fetched from Vonage with the application's JWT. */
public record VoicemailView(UUID id, String callId, UUID departmentId, String callerNumber, String recordingUrl,
        String recordingUuid, Integer durationSeconds, Instant recordedAt, Instant receivedAt) {
}
