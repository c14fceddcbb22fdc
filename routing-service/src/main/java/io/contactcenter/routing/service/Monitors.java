package io.contactcenter.routing.service;

import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.CallMonitor;
import io.contactcenter.routing.domain.CallMonitorRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The supervisors' monitor legs of a call (routing-service/README.md, "Supervisor monitors"): each method runs in the
 * caller's transaction on the call's locked row, writes the monitor's state and its audit line, and makes no request;
 * {@link ControlService} creates and moves the legs at Vonage after the commit.
 */
@ApplicationScoped
public class Monitors {

    private static final Logger LOG = Logger.getLogger(Monitors.class);
    static final String START = "START";
    static final String SWITCH = "SWITCH";
    static final String END = "END";

    static final String WHISPER = "whisper";

    /** Where a supervisor's leg is to be moved: its monitor's mode now and the call's current agent leg. */
    record Move(String mode, String agentLegId) {
    }

    private final CallMonitorRepository monitors;
    private final CallTransitions transitions;
    private final TaskRepository tasks;
    private final RoutedCallRepository calls;

    public Monitors(CallMonitorRepository monitors, CallTransitions transitions, TaskRepository tasks,
            RoutedCallRepository calls) {
        this.monitors = monitors;
        this.transitions = transitions;
        this.tasks = tasks;
        this.calls = calls;
    }

    /** A supervisor starts monitoring the call; their leg is created after the commit. */
    public CallMonitor start(RoutedCall call, String supervisorId, MonitorRequest request) {
        CallMonitor monitor = new CallMonitor();
        monitor.id = UUID.randomUUID().toString();
        monitor.callId = call.callId;
        monitor.supervisorId = supervisorId;
        monitor.mode = request.mode();
        monitor.endpointType = request.endpoint().type();
        monitor.endpointValue = request.endpoint().value();
        monitor.state = CallMonitor.ACTIVE;
        monitor.startedAt = Instant.now();
        monitors.persist(monitor);
        monitors.audit(monitor, START, monitor.startedAt);
        LOG.infof("Supervisor %s monitors call %s (%s, monitor %s)", supervisorId, call.callId, monitor.mode,
                monitor.id);
        return monitor;
    }

    /**
     * Vonage created the supervisor's leg (whispering to {@code agentLegId}); a leg of a monitor that ended meanwhile
     * is hung up, a whisper to an agent who handed the call over meanwhile is moved to the new agent.
     */
    public void legCreated(RoutedCall call, CallMonitor monitor, String legId, String agentLegId) {
        if (!monitor.active()) {
            transitions.hangUpLeg(call, legId);
            return;
        }
        monitor.legId = legId;
        followTheAgent(call, monitor, agentLegId);
    }

    /**
     * A supervisor's mode switch moved the monitor's leg (after its commit) to whisper to {@code agentLegId}: when the
     * call changed hands meanwhile, the move that followed the new agent may have reached Vonage before this one, so
     * the whisper is moved again to the call's agent now.
     */
    public void switched(RoutedCall call, String monitorId, String agentLegId) {
        CallMonitor monitor = monitors.findById(monitorId);
        if (monitor != null && monitor.active() && monitor.legId != null) {
            followTheAgent(call, monitor, agentLegId);
        }
    }

    /** A whisper to {@code agentLegId} that is no longer the call's agent's leg is moved to the current one. */
    private void followTheAgent(RoutedCall call, CallMonitor monitor, String agentLegId) {
        Attempt agent = transitions.current(call);
        if (WHISPER.equals(monitor.mode) && agent != null && !Objects.equals(agent.agentLegId, agentLegId)) {
            move(call, monitor);
        }
    }

    /**
     * The call's agent changed (a warm transfer completed): every whisper goes to the new agent's leg (listen and
     * barge name no agent). Moved by the task loop, which reads the monitor's mode and the agent's leg then.
     */
    public void agentChanged(RoutedCall call) {
        monitors.active(call.callId).stream()
                .filter(monitor -> WHISPER.equals(monitor.mode) && monitor.legId != null)
                .forEach(monitor -> move(call, monitor));
    }

    /** Where the monitor's leg goes now; null when the monitor ended (nothing to move). */
    Move currentMove(String monitorId) {
        CallMonitor monitor = monitors.findById(monitorId);
        if (monitor == null || !monitor.active()) {
            return null;
        }
        RoutedCall call = calls.findById(monitor.callId);
        Attempt agent = call == null ? null : transitions.current(call);
        return new Move(monitor.mode, agent == null ? null : agent.agentLegId);
    }

    private void move(RoutedCall call, CallMonitor monitor) {
        Task task = Task.of(call.callId, Task.Kind.MOVE_MONITOR, null, monitor.legId, null);
        task.ref = monitor.id;
        tasks.add(task);
        LOG.infof("Monitor %s of call %s follows the call's new agent", monitor.id, call.callId);
    }

    /** The supervisor's leg could not be created: the monitor ends. */
    public void legRefused(CallMonitor monitor) {
        if (monitor.active()) {
            end(monitor);
        }
    }

    /** The same monitor in another mode (its leg is moved after the commit); 409 when it ended. */
    public CallMonitor switchMode(RoutedCall call, String monitorId, String mode) {
        CallMonitor monitor = active(call, monitorId);
        monitor.mode = mode;
        monitors.audit(monitor, SWITCH, Instant.now());
        return monitor;
    }

    /** The supervisor stops: their leg hung up; END. */
    public CallMonitor stop(RoutedCall call, String monitorId) {
        CallMonitor monitor = active(call, monitorId);
        hangUp(call, monitor);
        end(monitor);
        return monitor;
    }

    /** The supervisor's leg ended on their side (hung up): END. Nothing else about the call changes. */
    public void legEnded(String callId, String legId) {
        monitors.activeByLeg(callId, legId).ifPresent(this::end);
    }

    /** The call is no longer connected: every monitor of it ends, its leg hung up. */
    public void callEnded(RoutedCall call) {
        if (call.state != RoutedCall.State.CONNECTED || call.callerGone) {
            for (CallMonitor monitor : monitors.active(call.callId)) {
                hangUp(call, monitor);
                end(monitor);
            }
        }
    }

    private CallMonitor active(RoutedCall call, String monitorId) {
        CallMonitor monitor = monitors.findByIdOptional(monitorId).filter(m -> m.callId.equals(call.callId))
                .orElseThrow(() -> ProblemException.notFound("no monitor " + monitorId + " on this call"));
        if (!monitor.active()) {
            throw ProblemException.conflict("the monitor has ended");
        }
        return monitor;
    }

    private void hangUp(RoutedCall call, CallMonitor monitor) {
        if (monitor.legId != null) {
            transitions.hangUpLeg(call, monitor.legId);
        }
    }

    private void end(CallMonitor monitor) {
        monitor.state = CallMonitor.ENDED;
        monitor.endedAt = Instant.now();
        monitors.audit(monitor, END, monitor.endedAt);
        LOG.infof("Monitor %s of call %s ended", monitor.id, monitor.callId);
    }
}
