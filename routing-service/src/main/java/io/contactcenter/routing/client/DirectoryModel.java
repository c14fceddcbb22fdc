package io.contactcenter.routing.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The directory's JSON documents (only the fields routing reads). */
public final class DirectoryModel {

    private DirectoryModel() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Department(String id, String name, Integer maxWaitSeconds, Integer ringingTimeoutSeconds,
            Integer maxAttempts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(String type, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String id, String name, Endpoint endpoint) {
    }

    public record ClaimRequest(String callId, String departmentId, List<String> excludeAgentIds) {
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
