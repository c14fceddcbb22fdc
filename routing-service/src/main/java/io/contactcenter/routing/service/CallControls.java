package io.contactcenter.routing.service;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.CallTransfer;
import io.contactcenter.routing.domain.CallTransferRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The transitions of the call controls (routing-service/README.md, "Call controls"): the sibling of
 * {@link CallTransitions} that owns a connected call's control state (hold) and enqueues the Vonage moves of its legs.
 * Like it, each method runs in the caller's transaction on the call's locked row and makes no request; a control that
 * does not fit the call's state is refused with a problem.
 */
@ApplicationScoped
public class CallControls {

    private static final Logger LOG = Logger.getLogger(CallControls.class);

    private final TaskRepository tasks;
    private final CallTransferRepository transfers;
    private final CallTransitions transitions;
    private final Assignments assignments;

    public CallControls(TaskRepository tasks, CallTransferRepository transfers, CallTransitions transitions,
            Assignments assignments) {
        this.tasks = tasks;
        this.transfers = transfers;
        this.transitions = transitions;
        this.assignments = assignments;
    }

    /** The caller leaves the conversation for the department's hold music (nobody hears anybody across). */
    public void hold(RoutedCall call) {
        if (call.onHold) {
            throw ProblemException.conflict("the caller is already on hold");
        }
        call.onHold = true;
        call.holdStartedAt = Instant.now();
        call.updatedAt = call.holdStartedAt;
        tasks.add(Task.of(call.callId, Task.Kind.HOLD_CALLER, null, call.callId, null));
        LOG.infof("Caller of call %s put on hold", call.callId);
    }

    /** The caller comes back into the conversation; the hold's time is added to the call's. */
    public void resume(RoutedCall call) {
        if (!call.onHold) {
            throw ProblemException.conflict("the caller is not on hold");
        }
        call.endHold(Instant.now());
        call.updatedAt = Instant.now();
        tasks.add(Task.of(call.callId, Task.Kind.CONNECT_CALLER, null, call.callId, null));
        LOG.infof("Caller of call %s taken back from hold (%d s on hold so far)", call.callId, call.holdSeconds);
    }

    /**
     * Cold transfer to a department: TRANSFER_STARTED, the caller to the hold music, then
     * {@link CallTransitions#transferredToDepartment} (the agent leaves, the caller waits in the target's queue at
     * {@code queuedAt}). The transfer is complete at once: the queue takes it from there.
     */
    public CallTransfer transferToDepartment(RoutedCall call, Attempt agent, TransferRequest request,
            String requestedBy, Instant queuedAt) {
        CallTransfer transfer = start(call, agent, request, requestedBy);
        transfer.state = CallTransfer.State.COMPLETED;
        call.endHold(Instant.now()); // whether on hold or not, the caller hears the hold music while queued
        tasks.add(Task.of(call.callId, Task.Kind.HOLD_CALLER, null, call.callId, null));
        transitions.transferredToDepartment(call, agent, request.target().departmentId(), queuedAt, detail(transfer));
        return transfer;
    }

    /** A new transfer of the call (refused while another one is in progress); TRANSFER_STARTED. */
    private CallTransfer start(RoutedCall call, Attempt agent, TransferRequest request, String requestedBy) {
        if (transfers.inProgress(call.callId).isPresent()) {
            throw ProblemException.conflict("a transfer of this call is in progress");
        }
        Instant now = Instant.now();
        CallTransfer transfer = new CallTransfer();
        transfer.id = UUID.randomUUID().toString();
        transfer.callId = call.callId;
        transfer.kind = request.kind();
        transfer.state = CallTransfer.State.RINGING;
        transfer.targetType = request.target().type();
        transfer.targetValue = request.target().value();
        transfer.fromAgentId = agent.agentId;
        transfer.requestedBy = requestedBy;
        transfer.createdAt = now;
        transfer.updatedAt = now;
        transfers.persist(transfer);
        assignments.publish(call, agent, AssignmentOutcome.TRANSFER_STARTED, detail(transfer));
        LOG.infof("Transfer %s of call %s (%s to %s:%s) asked by %s", transfer.id, call.callId, transfer.kind,
                transfer.targetType, transfer.targetValue, requestedBy);
        return transfer;
    }

    /** The transfer's id, kind and target, as its Assignment records carry them. */
    static Map<String, String> detail(CallTransfer transfer) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put(Assignment.Detail.TRANSFER_ID.key(), transfer.id);
        detail.put(Assignment.Detail.TRANSFER_KIND.key(), transfer.kind);
        detail.put(Assignment.Detail.TRANSFER_TARGET.key(), transfer.targetType + ":" + transfer.targetValue);
        return detail;
    }
}
