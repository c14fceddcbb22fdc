package io.contactcenter.directory.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The directory's JSON documents, with the fields its callers read (unknown fields are ignored, so the directory may
 * add some). Registered for reflection here, nested types included, for the native executables.
 */
@RegisterForReflection
public final class DirectoryModel {

    private DirectoryModel() {
    }

    /**
     * A department's settings. Absent settings (an older directory) are null and take the documented default.
     *
     * @param digit the IVR digit (the gateway's menu)
     * @param musicOnHold null counts as true
     * @param musicOnHoldUrl the department's own hold music, null for the gateway's built-in track
     * @param recording {@code off}, {@code on} or {@code on-request}; null counts as off
     * @param transferPriority whether calls transferred into the department go ahead of its waiting callers
     * @param voicemailEnabled null counts as true
     * @param openingHours null: always open
     * @param surveyEnabled whether it wants post-call surveys; null counts as true
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Department(String id, int digit, String name, String spokenName, Integer maxWaitSeconds,
            Integer ringingTimeoutSeconds, Integer maxAttempts, Integer announcementIntervalSeconds,
            Integer callbackOfferSeconds, Integer callbackRetries, Boolean musicOnHold, String musicOnHoldUrl,
            String recording, Boolean transferPriority, Boolean voicemailEnabled, OpeningHours openingHours,
            Boolean surveyEnabled) {

        /** A department known only by its menu entry (the gateway's fallback menu): every setting its default. */
        public Department(String id, int digit, String name, String spokenName) {
            this(id, digit, name, spokenName, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

        /** What the IVR says: the spoken name, else the name. */
        public String spoken() {
            return spokenName == null || spokenName.isBlank() ? name : spokenName;
        }

        public boolean hasMusicOnHold() {
            return !Boolean.FALSE.equals(musicOnHold);
        }

        public boolean takesVoicemail() {
            return !Boolean.FALSE.equals(voicemailEnabled);
        }

        public boolean wantsSurveys() {
            return !Boolean.FALSE.equals(surveyEnabled);
        }
    }

    /**
     * A department's opening hours as the directory validated them: an IANA zone, weekly intervals ({@code day}
     * MONDAY..SUNDAY, {@code opens}/{@code closes} {@code HH:mm}, closes after opens, at most {@code 24:00}) and
     * whole-day closures ({@code yyyy-MM-dd}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OpeningHours(String timeZone, List<Interval> weekly, List<Closure> closures) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Interval(String day, String opens, String closes) {
        }

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Closure(String date, String name) {
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(String type, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String id, String name, Endpoint endpoint) {
    }

    /**
     * {@code POST /assignments}. The caller's number, when the call started waiting ({@code requestedAt} of its route
     * request) and which attempt this is travel with the claim so the directory can show them to the agent it offers
     * the call to (screen pop); they change nothing about whom it picks.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClaimRequest(String callId, String departmentId, List<String> excludeAgentIds, String callerNumber,
            Instant waitingSince, Integer attempt, String agentId, String transferId) {

        public ClaimRequest(String callId, String departmentId, List<String> excludeAgentIds, String callerNumber,
                Instant waitingSince, Integer attempt) {
            this(callId, departmentId, excludeAgentIds, callerNumber, waitingSince, attempt, null, null);
        }

        /**
         * A transfer's claim of a second agent for the call: the named {@code agentId} when free, or (null) the
         * department's longest-idle agent not in {@code excludeAgentIds}; idempotent per call and transfer.
         */
        public static ClaimRequest forTransfer(String callId, String departmentId, List<String> excludeAgentIds,
                String agentId, String transferId) {
            return new ClaimRequest(callId, departmentId, excludeAgentIds, null, null, null, agentId, transferId);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claim(String callId, String departmentId, boolean assigned, Agent agent) {
    }

    public record AgentRef(String agentId) {
    }

    public record ReleaseRequest(String agentId, String outcome) {
    }

    /**
     * An assignment; {@code agentFreeIn} (in a release's answer): the departments whose waiting calls the released
     * agent can take at once, empty or null otherwise.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignmentView(String callId, String agentId, String departmentId, String state, String outcome,
            List<String> agentFreeIn) {
    }

    /** An in-app agent's call as the answer webhook describes it: its leg's uuid, the Client SDK user, the number. */
    public record OutboundCallRequest(String callId, String appUser, String to) {
    }

    /** The directory allowed the call: the agent placing it and the number to connect (E.164 without {@code +}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutboundCall(String callId, String agentId, String to) {
    }

    /** A number a call is to be handed to (routing's cold transfer), E.164 with or without {@code +}. */
    public record NumberCheck(String to) {
    }

    /** A message left outside opening hours, as the gateway reports it ({@code POST /voicemails}). */
    public record Voicemail(String callId, String departmentId, String callerNumber, String recordingUrl,
            String recordingUuid, Integer durationSeconds, Instant recordedAt) {
    }

    /** The directory's answer to a stored message: its id (the first one's, for a repeat). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredVoicemail(String id, String callId) {
    }
}
