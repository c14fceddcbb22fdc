package io.contactcenter.directory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** {@code assigned=false} (no agent) is a normal answer: the call waits in routing's queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimResult(String callId, UUID departmentId, boolean assigned, AgentView agent) {
}
