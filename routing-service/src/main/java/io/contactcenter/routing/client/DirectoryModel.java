package io.contactcenter.routing.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The directory's JSON documents (only the fields routing reads). */
public final class DirectoryModel {

    private DirectoryModel() {
    }

    /**
     * @param musicOnHoldUrl the department's own hold music, null for the gateway's built-in track
     * @param recording {@code off}, {@code on} or {@code on-request}; null (an older directory) counts as off
     * @param transferPriority whether calls transferred into the department go ahead of its waiting callers
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Department(String id, String name, Integer maxWaitSeconds, Integer ringingTimeoutSeconds,
            Integer maxAttempts, Integer announcementIntervalSeconds, Integer callbackOfferSeconds,
            Integer callbackRetries, String musicOnHoldUrl, String recording, Boolean transferPriority) {

        /** Without the call controls' settings. */
        public Department(String id, String name, Integer maxWaitSeconds, Integer ringingTimeoutSeconds,
                Integer maxAttempts, Integer announcementIntervalSeconds, Integer callbackOfferSeconds,
                Integer callbackRetries) {
            this(id, name, maxWaitSeconds, ringingTimeoutSeconds, maxAttempts, announcementIntervalSeconds,
                    callbackOfferSeconds, callbackRetries, null, null, null);
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
            Instant waitingSince, Integer attempt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claim(String callId, String departmentId, boolean assigned, Agent agent) {
    }

    public record AgentRef(String agentId) {
    }

    public record ReleaseRequest(String agentId, String outcome) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignmentView(String callId, String agentId, String departmentId, String state, String outcome) {
    }
}
