package io.contactcenter.routing.service;

import java.time.Instant;
import java.util.List;

/**
 * A live call as the controls show it ({@code GET /calls/live}, {@code GET /calls/{callId}}, the answer of a control).
 *
 * @param agentId the agent connected to the caller
 * @param holdSeconds the call's hold time so far, the hold in progress included
 * @param recording whether the caller's leg is being recorded
 * @param transfer the transfer in progress, null when none
 * @param monitors the supervisors listening, whispering or barging in
 */
public record CallView(String callId, String departmentId, String agentId, String callerNumber, Instant answeredAt,
        boolean onHold, int holdSeconds, boolean recording, TransferView transfer, List<MonitorView> monitors) {

    /** A transfer of the call. */
    public record TransferView(String transferId, String kind, String state, TransferRequest.Target target) {
    }

    /** A supervisor's monitor leg on the call. */
    public record MonitorView(String monitorId, String supervisorId, String mode) {
    }
}
