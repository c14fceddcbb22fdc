package io.contactcenter.directory.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A department to create or replace; absent optional values take the defaults shown. */
public record DepartmentRequest(
        @NotNull @Min(0) @Max(9) Integer digit,
        @NotBlank @Size(max = 100) String name,
        /** What the IVR says, defaults to {@code name}. */
        @Size(max = 200) String spokenName,
        /** Default 120. */
        @Min(1) @Max(3600) Integer maxWaitSeconds,
        /** Default 20. */
        @Min(5) @Max(120) Integer ringingTimeoutSeconds,
        /** Default 10. */
        @Min(0) @Max(3600) Integer wrapUpSeconds,
        /** Default 3. */
        @Min(1) @Max(20) Integer maxAttempts,
        /** Default true. */
        Boolean surveyEnabled,
        /** Hold music for waiting callers; default true (false: silence). */
        Boolean musicOnHold,
        /** The department's own hold music (an https URL of an mp3 or 16-bit WAV); absent: the gateway's built-in track. */
        @Size(max = 500) String musicOnHoldUrl,
        /** Whether callers outside the opening hours may leave a message; default true. */
        Boolean voicemailEnabled,
        /** Seconds between a waiting caller's place-in-line announcements; default 30, 0 = none. */
        @Min(0) @Max(3600) Integer announcementIntervalSeconds,
        /** Seconds of waiting before the callback offer; default 60, 0 = no offer. */
        @Min(0) @Max(3600) Integer callbackOfferSeconds,
        /** Tries of an unanswered callback after the first; default 2. */
        @Min(0) @Max(10) Integer callbackRetries,
        /** Call recording: off (default), on, or on-request (the agent starts it). */
        @Pattern(regexp = "off|on|on-request", message = "must be off, on or on-request") String recording,
        /** Whether calls transferred into the department go ahead of its waiting callers; default false. */
        Boolean transferPriority) {

    /** A department with the default hold music and voicemail. */
    public DepartmentRequest(Integer digit, String name, String spokenName, Integer maxWaitSeconds,
            Integer ringingTimeoutSeconds, Integer wrapUpSeconds, Integer maxAttempts, Boolean surveyEnabled) {
        this(digit, name, spokenName, maxWaitSeconds, ringingTimeoutSeconds, wrapUpSeconds, maxAttempts, surveyEnabled,
                null, null, null, null, null, null, null, null);
    }
}
