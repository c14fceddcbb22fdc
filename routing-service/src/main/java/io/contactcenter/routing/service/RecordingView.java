package io.contactcenter.routing.service;

import java.time.Instant;
import java.util.List;

/**
 * A call's recording as supervisors see it ({@code GET /recordings}).
 *
 * @param agentIds every agent who had the caller, in order
 * @param url where Vonage keeps the file (fetched with the application's JWT)
 * @param durationSeconds null when Vonage's report did not say
 */
public record RecordingView(String callId, String departmentId, List<String> agentIds, String url,
        Integer durationSeconds, Instant startedAt) {
}
