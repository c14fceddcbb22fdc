package io.contactcenter.routing.service;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.CallTransfer;
import io.contactcenter.routing.domain.CallTransferRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    /** A warm transfer's target rings this long when the call's department's ringing timeout is not known. */
    static final int DEFAULT_RINGING_SECONDS = 20;

    private final TaskRepository tasks;
    private final CallTransferRepository transfers;
    private final AttemptRepository attempts;
    private final CallTransitions transitions;
    private final Assignments assignments;
    private final Monitors monitors;
    private final Duration ringingGrace;

    public CallControls(TaskRepository tasks, CallTransferRepository transfers, AttemptRepository attempts,
            CallTransitions transitions, Assignments assignments, Monitors monitors, RoutingConfig config) {
        this.monitors = monitors;
        this.ringingGrace = config.queue().ringingGrace();
        this.tasks = tasks;
        this.attempts = attempts;
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
        CallTransfer transfer = start(call, agent, request, requestedBy, UUID.randomUUID().toString());
        completedCold(call, transfer);
        transitions.transferredToDepartment(call, agent, request.target().departmentId(), queuedAt, detail(transfer));
        monitors.callEnded(call); // the agent they monitored left: at once, not at the agent leg's next event
        return transfer;
    }

    /**
     * Cold transfer to a named agent the directory claimed for the transfer ({@code target}): the first agent leaves,
     * the caller hears the hold music until the target answers ({@link CallTransitions#transferredToAgent}). Complete
     * at once, as for a department.
     */
    public CallTransfer transferToAgent(RoutedCall call, Attempt agent, TransferRequest request, String requestedBy,
            String transferId, DirectoryModel.Agent target) {
        CallTransfer transfer = start(call, agent, request, requestedBy, transferId);
        transfer.targetAgentId = target.id();
        completedCold(call, transfer);
        transitions.transferredToAgent(call, agent, target, detail(transfer));
        monitors.callEnded(call);
        return transfer;
    }

    /**
     * Cold transfer to an outside number (allowed by the directory's outbound allow-list, checked before): the caller's
     * leg is handed to the number ({@code connect}), the agent leaves ({@code TRANSFERRED}) and the call is over for
     * routing ({@link CallTransitions#transferredToNumber}: {@code TRANSFERRED_EXTERNAL}). Complete at once.
     */
    public CallTransfer transferToNumber(RoutedCall call, Attempt agent, TransferRequest request, String requestedBy) {
        CallTransfer transfer = start(call, agent, request, requestedBy, UUID.randomUUID().toString());
        transfer.state = CallTransfer.State.COMPLETED;
        call.endHold(Instant.now());
        // the caller leaves the conversation before the agent's leg is hung up
        Task connect = Task.of(call.callId, Task.Kind.CONNECT_NUMBER, null, call.callId, null);
        connect.ref = transfer.targetValue;
        tasks.add(connect);
        transitions.transferredToNumber(call, agent, detail(transfer));
        monitors.callEnded(call);
        return transfer;
    }

    /**
     * Warm transfer to the agent the directory claimed for it ({@code target}): the caller on hold, the target's leg
     * to be created into the conversation (an attempt of the call that is not its current one); RINGING.
     */
    public CallTransfer warmTransfer(RoutedCall call, Attempt agent, TransferRequest request, String requestedBy,
            String transferId, DirectoryModel.Agent target) {
        CallTransfer transfer = start(call, agent, request, requestedBy, transferId);
        transfer.targetAgentId = target.id();
        transitions.newAttempt(call, target);
        if (!call.onHold) {
            hold(call);
        }
        checkLater(call, transfer);
        return transfer;
    }

    /** Vonage created the warm transfer's target leg; a leg created after the transfer ended is hung up. */
    public void transferLegCreated(RoutedCall call, CallTransfer transfer, String legId) {
        if (legId.equals(transfer.targetLegId)) {
            return; // its first event came first and the leg was adopted
        }
        if (!transfer.state.inProgress() || transfer.targetLegId != null) {
            transitions.hangUpLeg(call, legId);
            return;
        }
        adoptLeg(transfer, legId);
        LOG.infof("Transfer %s of call %s: calling agent %s (leg %s)", transfer.id, call.callId,
                transfer.targetAgentId, legId);
    }

    /** Vonage refused (or never answered) the creation of the target leg: FAILED, the caller back. */
    public void transferLegRefused(RoutedCall call, CallTransfer transfer) {
        if (transfer.state.inProgress() && transfer.targetLegId == null) {
            end(call, transfer, CallTransfer.State.FAILED);
        }
    }

    /**
     * An event of a leg that is the target of the call's warm transfer in progress; false when the leg is none. Answered:
     * CONSULTING (the directory is told). Ended, whatever way: FAILED, the caller back with the first agent.
     */
    public boolean transferLegEvent(RoutedCall call, String legId, String agentId, CallStatus status) {
        CallTransfer transfer = transfers.inProgressForLeg(call.callId, legId, agentId).orElse(null);
        if (transfer == null) {
            return false;
        }
        if (transfer.targetLegId == null) {
            adoptLeg(transfer, legId);
        }
        if (status == CallStatus.ANSWERED && transfer.state == CallTransfer.State.RINGING) {
            transfer.state = CallTransfer.State.CONSULTING;
            transfer.updatedAt = Instant.now();
            checkLater(call, transfer);
            target(transfer).state = Attempt.State.ANSWERED;
            tasks.add(Task.of(call.callId, Task.Kind.MARK_ANSWERED, transfer.targetAgentId, legId, null));
            LOG.infof("Transfer %s of call %s: agent %s answered, consulting", transfer.id, call.callId,
                    transfer.targetAgentId);
        } else if (status.isFinal()) {
            end(call, transfer, CallTransfer.State.FAILED);
        }
        return true;
    }

    /** The agents consulted: the caller joins them, the first agent leaves; COMPLETED. */
    public CallTransfer complete(RoutedCall call, Attempt agent, String transferId) {
        CallTransfer transfer = inProgress(call, transferId);
        if (transfer.state != CallTransfer.State.CONSULTING) {
            throw ProblemException.conflict("the transfer's target has not answered yet");
        }
        transfer.state = CallTransfer.State.COMPLETED;
        transfer.updatedAt = Instant.now();
        transfer.checkAt = null;
        call.endHold(transfer.updatedAt);
        transitions.handedOver(call, agent, target(transfer), detail(transfer));
        monitors.agentChanged(call);
        return transfer;
    }

    /**
     * The sweep's look at a warm transfer whose check was due (routing-service/README.md, "Every non-final state is
     * bounded"): {@code status} is its target leg's at Vonage (null: Vonage no longer knows it or did not say;
     * {@code reachable} false: Vonage did not answer). Ringing: answered → consulting as if its event had come, else
     * (still ringing, ended, unknown) given up: FAILED. Consulting: the leg ended (or is unknown) → FAILED; up, or
     * Vonage not answering → checked again later. A transfer whose target leg was never stored is FAILED unasked.
     */
    public void transferChecked(RoutedCall call, CallTransfer transfer, CallStatus status, boolean reachable) {
        if (!transfer.state.inProgress()) {
            return;
        }
        boolean up = status == CallStatus.ANSWERED;
        if (transfer.targetLegId != null && transfer.state == CallTransfer.State.RINGING && up) {
            transferLegEvent(call, transfer.targetLegId, transfer.targetAgentId, status);
        } else if (transfer.targetLegId != null && transfer.state == CallTransfer.State.CONSULTING
                && (up || !reachable)) {
            checkLater(call, transfer);
        } else {
            LOG.warnf("Transfer %s of call %s is %s past its time and its target leg %s is %s; giving up",
                    transfer.id, call.callId, transfer.state, transfer.targetLegId,
                    reachable ? String.valueOf(status) : "not known (Vonage did not answer)");
            end(call, transfer, CallTransfer.State.FAILED);
        }
    }

    /**
     * Leased for a sweep's check in flight (no other replica checks it meanwhile); returns the lease's end, in
     * milliseconds so that it reads back from the database unchanged (the sweep compares it).
     */
    public Instant checkLeased(CallTransfer transfer, Duration lease) {
        transfer.checkAt = Instant.now().plus(lease).truncatedTo(ChronoUnit.MILLIS);
        return transfer.checkAt;
    }

    /** The transfer is next checked after the target's ringing timeout plus the ringing grace. */
    private void checkLater(RoutedCall call, CallTransfer transfer) {
        transfer.checkAt = Instant.now().plusSeconds(ringingSeconds(call)).plus(ringingGrace);
    }

    /** How long a warm transfer's target leg rings (the call's department's ringing timeout). */
    static int ringingSeconds(RoutedCall call) {
        return call.ringingTimeout == null ? DEFAULT_RINGING_SECONDS : call.ringingTimeout;
    }

    /** The warm transfer is called off: the target's leg hung up, the caller back with the first agent; CANCELLED. */
    public CallTransfer cancel(RoutedCall call, String transferId) {
        CallTransfer transfer = inProgress(call, transferId);
        end(call, transfer, CallTransfer.State.CANCELLED);
        return transfer;
    }

    /** The call ended (its caller or its agent left) while a warm transfer was in progress: FAILED. */
    public void callEnded(RoutedCall call) {
        if (call.state != RoutedCall.State.CONNECTED || call.callerGone) {
            transfers.inProgress(call.callId).ifPresent(transfer -> end(call, transfer, CallTransfer.State.FAILED));
        }
    }

    private CallTransfer inProgress(RoutedCall call, String transferId) {
        CallTransfer transfer = transfers.findByIdOptional(transferId).filter(t -> t.callId.equals(call.callId))
                .orElseThrow(() -> ProblemException.notFound("no transfer " + transferId + " of this call"));
        if (!transfer.state.inProgress()) {
            throw ProblemException.conflict("the transfer is " + transfer.state.name().toLowerCase());
        }
        return transfer;
    }

    /**
     * A warm transfer that did not happen: the target's leg hung up and its agent released (to wrap-up when the agents
     * talked), the caller back in the conversation if the call goes on; TRANSFER_FAILED or TRANSFER_CANCELLED.
     */
    private void end(RoutedCall call, CallTransfer transfer, CallTransfer.State state) {
        boolean consulted = transfer.state == CallTransfer.State.CONSULTING;
        transfer.state = state;
        transfer.updatedAt = Instant.now();
        transfer.checkAt = null;
        Attempt target = target(transfer);
        CallTransitions.endAttempt(target, consulted ? Attempt.State.COMPLETED
                : state == CallTransfer.State.CANCELLED ? Attempt.State.CANCELLED : Attempt.State.NO_ANSWER);
        transitions.hangUp(call, target);
        transitions.release(call, target, consulted ? "COMPLETED"
                : state == CallTransfer.State.CANCELLED ? "CANCELLED" : "NO_ANSWER");
        boolean goesOn = call.state == RoutedCall.State.CONNECTED && !call.callerGone;
        if (goesOn && call.onHold) {
            resume(call);
        }
        assignments.publish(call, goesOn ? transitions.current(call) : null, state == CallTransfer.State.CANCELLED
                ? AssignmentOutcome.TRANSFER_CANCELLED : AssignmentOutcome.TRANSFER_FAILED, detail(transfer));
        LOG.infof("Transfer %s of call %s %s", transfer.id, call.callId, state);
    }

    private void adoptLeg(CallTransfer transfer, String legId) {
        transfer.targetLegId = legId;
        transfer.updatedAt = Instant.now();
        Attempt target = target(transfer);
        target.agentLegId = legId;
        if (target.state == Attempt.State.CLAIMED) {
            target.state = Attempt.State.RINGING;
        }
    }

    /** The attempt of the transfer's target agent (the latest of that agent on the call). */
    private Attempt target(CallTransfer transfer) {
        return attempts.find("callId = ?1 and agentId = ?2 order by attemptNo desc", transfer.callId,
                transfer.targetAgentId).firstResult();
    }

    /**
     * A cold transfer is complete once asked: the caller hears the hold music until the next agent answers (a hold in
     * progress is counted up to now).
     */
    private void completedCold(RoutedCall call, CallTransfer transfer) {
        transfer.state = CallTransfer.State.COMPLETED;
        call.endHold(Instant.now());
        tasks.add(Task.of(call.callId, Task.Kind.HOLD_CALLER, null, call.callId, null));
    }

    /** A new transfer of the call (refused while another one is in progress); TRANSFER_STARTED. */
    private CallTransfer start(RoutedCall call, Attempt agent, TransferRequest request, String requestedBy,
            String transferId) {
        if (transfers.inProgress(call.callId).isPresent()) {
            throw ProblemException.conflict("a transfer of this call is in progress");
        }
        Instant now = Instant.now();
        CallTransfer transfer = new CallTransfer();
        transfer.id = transferId;
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
