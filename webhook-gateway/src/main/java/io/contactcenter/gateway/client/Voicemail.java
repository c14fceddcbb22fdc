package io.contactcenter.gateway.client;

import java.time.Instant;

/** A message left outside opening hours, as the gateway reports it to the directory ({@code POST /voicemails}). */
public record Voicemail(String callId, String departmentId, String callerNumber, String recordingUrl,
        String recordingUuid, Integer durationSeconds, Instant recordedAt) {
}
