package io.contactcenter.directory.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A message a caller left while the department was closed, as the gateway reports it from Vonage's record event.
 *
 * @param callerNumber E.164 without {@code +}, or null when Vonage did not say
 * @param durationSeconds from the recording's start and end times, null when unknown
 */
public record VoicemailRequest(
        @NotBlank @Size(max = 100) String callId,
        @NotNull UUID departmentId,
        @Size(max = 32) String callerNumber,
        @NotBlank @Size(max = 500) String recordingUrl,
        @Size(max = 100) String recordingUuid,
        @Min(0) @Max(86400) Integer durationSeconds,
        Instant recordedAt) {
}
