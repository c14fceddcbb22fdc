package io.contactcenter.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryException;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.CallMonitor;
import io.contactcenter.routing.domain.CallMonitorRepository;
import io.contactcenter.routing.domain.CallTransfer;
import io.contactcenter.routing.domain.CallTransferRepository;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.IdempotentRequests;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The call controls as requests: each one locks the call, checks who asks, answers a retried request (same
 * {@code Idempotency-Key}) with its first answer, else fires the transition of {@link CallControls} and stores the
 * answer, all in one transaction. Vonage is asked afterwards by the task loop.
 */
@ApplicationScoped
public class ControlService {

    private static final Logger LOG = Logger.getLogger(ControlService.class);

    /** The longest {@code Idempotency-Key} accepted. */
    public static final int MAX_KEY_LENGTH = 100;

    /** An answer to a control request: its status and JSON body. */
    public record Answer(int status, String body) {
    }

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final IdempotentRequests idempotent;
    private final CallControls controls;
    private final CallTransferRepository transfers;
    private final DirectoryClient directory;
    private final VonageCalls vonage;
    private final Monitors monitors;
    private final CallMonitorRepository monitorRows;
    private final ObjectMapper json;
    private final RecordingService recordings;

    /** What a transfer request needs to know of the call before it claims an agent. */
    private record Checked(Answer replay, String departmentId, String agentId) {
    }

    /** A supervisor's leg to create or move once its monitor's change is committed. */
    private record MonitorLeg(String monitorId, String legId, String mode, String regionUrl, String agentLegId) {
    }

    /** A warm transfer's target leg to create once its transfer is committed. */
    private record TargetLeg(String regionUrl, int ringingTimeout) {
    }

    public ControlService(RoutedCallRepository calls, AttemptRepository attempts, IdempotentRequests idempotent,
            CallControls controls, CallTransferRepository transfers, DirectoryClient directory, VonageCalls vonage,
            Monitors monitors, CallMonitorRepository monitorRows, ObjectMapper json, RecordingService recordings) {
        this.recordings = recordings;
        this.vonage = vonage;
        this.monitors = monitors;
        this.monitorRows = monitorRows;
        this.transfers = transfers;
        this.directory = directory;
        this.calls = calls;
        this.attempts = attempts;
        this.idempotent = idempotent;
        this.controls = controls;
        this.json = json;
    }

    /** The calls with an agent connected, oldest answer first. */
    public List<CallView> live() {
        return QuarkusTransaction.requiringNew().call(() -> calls.connected().stream()
                .map(call -> view(call, current(call))).toList());
    }

    /** One live call, for its agent or a supervisor. */
    public CallView call(String callId, Actor actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedCall call = calls.findByIdOptional(callId).filter(ControlService::isLive)
                    .orElseThrow(() -> notLive(callId));
            Attempt agent = current(call);
            authorize(actor, agent);
            return view(call, agent);
        });
    }

    public Answer hold(String callId, Actor actor, String key) {
        return control(callId, actor, key, "hold", 200, (call, agent) -> {
            controls.hold(call);
            return view(call, agent);
        });
    }

    public Answer resume(String callId, Actor actor, String key) {
        return control(callId, actor, key, "resume", 200, (call, agent) -> {
            controls.resume(call);
            return view(call, agent);
        });
    }

    /** The call's recording on request: the announcement, then the record action ({@link RecordingService}). */
    public Answer record(String callId, Actor actor, String key) {
        return control(callId, actor, key, "record", 200, (call, agent) -> {
            recordings.requested(call);
            return view(call, agent);
        });
    }

    /**
     * A transfer (routing-service/README.md, "Call controls"). Cold to a department: the target's settings are read
     * from the directory first (an unknown department is refused). To an agent (cold, or warm to an agent or a
     * department): the agent is claimed from the directory for the transfer before the call is locked (none free: 409),
     * and released again when no transfer with the request's id was committed (a race lost; a retry of a request
     * that acted keeps it: same key, same transfer id, same agent). A cold transfer to a number checks the replay and
     * who asks before the allow-list. A warm transfer's target leg is created once the transfer is committed.
     */
    public Answer transfer(String callId, Actor actor, String key, TransferRequest request) {
        TransferRequest.Target target = request.target();
        if (target.value() == null) {
            throw ProblemException.badRequest("target." + switch (target.type()) {
                case TransferRequest.DEPARTMENT -> "departmentId";
                case TransferRequest.AGENT -> "agentId";
                default -> "number";
            } + " is required for a transfer to a " + target.type());
        }
        boolean warm = request.kind().equals("warm");
        String what = "transfer " + write(request);
        if (target.type().equals(TransferRequest.NUMBER)) {
            if (warm) {
                throw unprocessable("a warm transfer goes to an agent or a department");
            }
            // the replay and who asks first: a retry gets its stored answer whatever the allow-list (or the directory)
            // says now, and nobody probes the allow-list on a call that is not theirs
            Checked checked = check(callId, actor, key, what);
            if (checked.replay() != null) {
                return checked.replay();
            }
            checkNumberAllowed(target.number());
            return control(callId, actor, key, what, 202,
                    (call, agent) -> transferView(controls.transferToNumber(call, agent, request, actor.id())));
        }
        if (!warm && target.type().equals(TransferRequest.DEPARTMENT)) {
            DirectoryModel.Department department = targetDepartment(target.departmentId());
            return control(callId, actor, key, what, 202, (call, agent) -> {
                Instant queuedAt = call.queuedAt;
                if (Boolean.TRUE.equals(department.transferPriority())) {
                    queuedAt = calls.oldestWaiting(department.id()).map(oldest -> oldest.minusMillis(1))
                            .filter(ahead -> ahead.isBefore(call.queuedAt)).orElse(call.queuedAt);
                }
                return transferView(controls.transferToDepartment(call, agent, request, actor.id(), queuedAt));
            });
        }
        Checked checked = check(callId, actor, key, what);
        if (checked.replay() != null) {
            return checked.replay();
        }
        // one transfer id per Idempotency-Key: a retry claims (idempotently) the same agent
        String transferId = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((callId + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
        DirectoryModel.Agent claimed = claimForTransfer(callId, checked, target, transferId);
        TargetLeg[] leg = new TargetLeg[1];
        Answer answer;
        try {
            answer = control(callId, actor, key, what, 202, (call, agent) -> {
                CallTransfer transfer = warm
                        ? controls.warmTransfer(call, agent, request, actor.id(), transferId, claimed)
                        : controls.transferToAgent(call, agent, request, actor.id(), transferId, claimed);
                if (warm) {
                    leg[0] = new TargetLeg(call.regionUrl, CallControls.ringingSeconds(call));
                }
                return transferView(transfer);
            });
        } finally {
            // a retry (same key: same transferId, same agent, claimed idempotently) answered from the stored answer or
            // refused while its first request's transfer goes on uses the agent too: only no transfer frees it
            if (!transferCommitted(callId, transferId)) {
                releaseUnused(callId, claimed.id());
            }
        }
        if (leg[0] != null) {
            createTargetLeg(callId, transferId, claimed, leg[0]);
        }
        return answer;
    }

    public Answer completeTransfer(String callId, String transferId, Actor actor, String key) {
        return control(callId, actor, key, "complete " + transferId, 200,
                (call, agent) -> transferView(controls.complete(call, agent, transferId)));
    }

    public Answer cancelTransfer(String callId, String transferId, Actor actor, String key) {
        return control(callId, actor, key, "cancel " + transferId, 200,
                (call, agent) -> transferView(controls.cancel(call, transferId)));
    }

    /** A supervisor starts listening, whispering or barging in; their leg is created after the commit. */
    public Answer startMonitor(String callId, Actor actor, String key, MonitorRequest request) {
        MonitorLeg[] leg = new MonitorLeg[1];
        Answer answer = control(callId, actor, key, "monitor " + write(request), 201, (call, agent) -> {
            CallMonitor monitor = monitors.start(call, actor.id(), request);
            leg[0] = new MonitorLeg(monitor.id, null, monitor.mode, call.regionUrl, agent.agentLegId);
            return monitorView(monitor);
        });
        if (leg[0] != null) {
            createMonitorLeg(callId, request, leg[0]);
        }
        return answer;
    }

    /** The same monitor in another mode: its leg moved (the same conversation, new lists) after the commit. */
    public Answer switchMonitor(String callId, String monitorId, Actor actor, String key, String mode) {
        MonitorLeg[] leg = new MonitorLeg[1];
        Answer answer = control(callId, actor, key, "monitor " + monitorId + " " + mode, 200, (call, agent) -> {
            CallMonitor monitor = monitors.switchMode(call, monitorId, mode);
            leg[0] = new MonitorLeg(monitor.id, monitor.legId, mode, call.regionUrl, agent.agentLegId);
            return monitorView(monitor);
        });
        MonitorLeg moved = leg[0];
        if (moved != null && moved.legId() != null) {
            try {
                vonage.switchMonitor(moved.regionUrl(), moved.legId(), callId, moved.mode(), moved.agentLegId());
            } catch (VonageFailure e) {
                throw new ProblemException(502, "Bad Gateway", "Vonage did not move the supervisor's leg; try again");
            }
            // a warm transfer completed meanwhile: its move to the new agent may have reached Vonage before this one
            QuarkusTransaction.requiringNew().run(() -> calls.lock(callId)
                    .ifPresent(call -> monitors.switched(call, moved.monitorId(), moved.agentLegId())));
        }
        return answer;
    }

    public Answer stopMonitor(String callId, String monitorId, Actor actor, String key) {
        return control(callId, actor, key, "stop monitor " + monitorId, 200,
                (call, agent) -> monitorView(monitors.stop(call, monitorId)));
    }

    /** The call's monitoring audit log: every start, switch and end, in order. */
    public List<CallMonitorRepository.AuditEntry> audit(String callId) {
        return QuarkusTransaction.requiringNew().call(() -> monitorRows.auditOf(callId));
    }

    private void createMonitorLeg(String callId, MonitorRequest request, MonitorLeg leg) {
        String legId = null;
        try {
            legId = vonage.createMonitorLeg(leg.regionUrl(), callId, request.endpoint().type(),
                    request.endpoint().value(), leg.mode(), leg.agentLegId());
        } catch (VonageFailure e) {
            LOG.warnf("Vonage did not create the leg of monitor %s of call %s: %s", leg.monitorId(), callId,
                    e.getMessage());
        }
        String created = legId;
        QuarkusTransaction.requiringNew().run(() -> {
            RoutedCall call = calls.lock(callId).orElseThrow();
            CallMonitor monitor = monitorRows.findById(leg.monitorId());
            if (created != null) {
                monitors.legCreated(call, monitor, created, leg.agentLegId());
            } else {
                monitors.legRefused(monitor);
            }
        });
    }

    private static CallView.MonitorView monitorView(CallMonitor monitor) {
        return new CallView.MonitorView(monitor.id, monitor.supervisorId, monitor.mode);
    }

    /**
     * Before an agent is claimed for a transfer: the stored answer of a retried request, else the call must be live,
     * the actor its agent or a supervisor and no transfer in progress (the same checks run again under the lock).
     */
    private Checked check(String callId, Actor actor, String key, String request) {
        checkKey(key);
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedCall call = calls.findByIdOptional(callId).orElseThrow(() -> notLive(callId));
            Answer replay = replay(callId, key, fingerprint(actor, request));
            if (replay != null) {
                return new Checked(replay, null, null);
            }
            if (!isLive(call)) {
                throw ProblemException.conflict("the call is not connected to an agent (any more)");
            }
            Attempt agent = current(call);
            authorize(actor, agent);
            if (transfers.inProgress(callId).isPresent()) {
                throw ProblemException.conflict("a transfer of this call is in progress");
            }
            return new Checked(null, call.departmentId, agent.agentId);
        });
    }

    /** The named agent when free (else 409 "agent not available"), or the target department's longest-idle one. */
    private DirectoryModel.Agent claimForTransfer(String callId, Checked checked, TransferRequest.Target target,
            String transferId) {
        boolean named = target.type().equals(TransferRequest.AGENT);
        DirectoryModel.Claim claim = askDirectory(() -> directory.claim(DirectoryModel.ClaimRequest.forTransfer(callId,
                named ? checked.departmentId() : target.departmentId(), List.of(checked.agentId()),
                named ? target.agentId() : null, transferId)),
                e -> e.status() == 400 || e.status() == 404 || e.status() == 422
                        ? unprocessable("no such " + target.type() + " " + target.value()) : null);
        if (!claim.assigned() || claim.agent() == null || claim.agent().endpoint() == null) {
            throw ProblemException.conflict(named ? "agent not available"
                    : "no agent of department " + target.departmentId() + " is available");
        }
        return claim.agent();
    }

    /**
     * Whether a transfer with this id is committed (by this request or by the first one with its key); true when it
     * cannot be read, so that an agent in use is not released (the directory's stuck-agent check frees one that is not).
     */
    private boolean transferCommitted(String callId, String transferId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> transfers.findByIdOptional(transferId).isPresent());
        } catch (RuntimeException e) {
            LOG.warnf("Could not read transfer %s of call %s (%s); its claimed agent is kept", transferId, callId,
                    e.getMessage());
            return true;
        }
    }

    /** A claimed agent the request did not use goes back (CANCELLED: its place in the line kept); best effort. */
    private void releaseUnused(String callId, String agentId) {
        try {
            directory.release(callId, agentId, "CANCELLED");
        } catch (RuntimeException e) {
            LOG.warnf("Could not release agent %s claimed for a transfer of call %s (%s); the directory's stuck-agent"
                    + " check frees it", agentId, callId, e.getMessage());
        }
    }

    /** Creates the warm transfer's target leg into the call's conversation, then applies Vonage's answer. */
    private void createTargetLeg(String callId, String transferId, DirectoryModel.Agent target, TargetLeg leg) {
        String legId = null;
        try {
            legId = vonage.createAgentLeg(leg.regionUrl(), callId, target.id(), target.endpoint().type(),
                    target.endpoint().value(), leg.ringingTimeout());
        } catch (VonageFailure e) {
            LOG.warnf("Vonage did not create the target leg of transfer %s of call %s: %s", transferId, callId,
                    e.getMessage());
        }
        String created = legId;
        QuarkusTransaction.requiringNew().run(() -> {
            RoutedCall call = calls.lock(callId).orElseThrow();
            CallTransfer transfer = transfers.findById(transferId);
            if (created != null) {
                controls.transferLegCreated(call, transfer, created);
            } else {
                controls.transferLegRefused(call, transfer);
            }
        });
    }

    /**
     * A cold transfer's outside number must be on the directory's outbound allow-list (the agents' outbound calls'):
     * 403 when it is not, 422 when the directory does not take it for a number.
     */
    private void checkNumberAllowed(String number) {
        askDirectory(() -> {
            directory.checkOutboundNumber(number);
            return null;
        }, e -> e.status() == 403 ? ProblemException.forbidden(
                "calls to this number are not allowed (the outbound allow-list)")
                : e.status() == 400 || e.status() == 422
                        ? unprocessable("the directory does not take " + number + " for a phone number") : null);
    }

    private DirectoryModel.Department targetDepartment(String departmentId) {
        return askDirectory(() -> directory.department(departmentId),
                e -> e.status() == 404 || e.status() == 400 ? unprocessable("no department " + departmentId) : null);
    }

    /**
     * A control's request to the directory: a refusal the control expects becomes the problem {@code refused} maps it
     * to; any other failure (unreachable, 5xx, a refusal it did not expect: {@code refused} answers null) is a 503.
     */
    private static <T> T askDirectory(Supplier<T> request, Function<DirectoryException, ProblemException> refused) {
        try {
            return request.get();
        } catch (DirectoryException e) {
            ProblemException problem = refused.apply(e);
            throw problem != null ? problem : new ProblemException(503, "Service Unavailable",
                    "the agent directory cannot be reached; try again");
        }
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    /**
     * Runs one control on a call in one transaction: the call locked; a request already answered (same key, same
     * actor and {@code request}) answered the same again without acting, even when the call moved on since; a key
     * reused for another request refused (422); else the call must be live (409 when it is known but no longer or not
     * yet connected) and the actor its agent or a supervisor.
     *
     * @param request what identifies the request besides the call (its action and body), fingerprinted with the key
     */
    private Answer control(String callId, Actor actor, String key, String request, int status,
            BiFunction<RoutedCall, Attempt, Object> action) {
        checkKey(key);
        String fingerprint = fingerprint(actor, request);
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedCall call = calls.lock(callId).orElseThrow(() -> notLive(callId));
            Answer replay = replay(callId, key, fingerprint);
            if (replay != null) {
                return replay;
            }
            if (!isLive(call)) {
                throw ProblemException.conflict("the call is not connected to an agent (any more)");
            }
            Attempt agent = current(call);
            authorize(actor, agent);
            Answer answer = new Answer(status, write(action.apply(call, agent)));
            if (key != null) {
                idempotent.store(callId, key, new IdempotentRequests.Answer(fingerprint, answer.status(), answer.body()));
            }
            return answer;
        });
    }

    private static void checkKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /** The first answer to a request with this key on the call; null when none; 422 for another request's key. */
    private Answer replay(String callId, String key, String fingerprint) {
        IdempotentRequests.Answer first = key == null ? null : idempotent.find(callId, key).orElse(null);
        if (first == null) {
            return null;
        }
        if (!first.requestHash().equals(fingerprint)) {
            throw unprocessable("this Idempotency-Key was used for another request on the call");
        }
        return new Answer(first.status(), first.body());
    }

    private static String fingerprint(Actor actor, String request) {
        return sha256(actor.id() + "\n" + request);
    }

    private static CallView.TransferView transferView(CallTransfer transfer) {
        return new CallView.TransferView(transfer.id, transfer.kind, transfer.state.name(),
                TransferRequest.Target.of(transfer.targetType, transfer.targetValue));
    }

    private static void authorize(Actor actor, Attempt agent) {
        if (!actor.supervisor() && (agent == null || !agent.agentId.equals(actor.id()))) {
            throw ProblemException.forbidden("only the agent on the call or a supervisor may do that");
        }
    }

    private CallView view(RoutedCall call, Attempt agent) {
        return new CallView(call.callId, call.departmentId, agent == null ? null : agent.agentId, call.callerNumber,
                call.answeredAt, call.onHold, call.holdSecondsAt(Instant.now()), call.recordingStartedAt != null,
                transfers.inProgress(call.callId).map(ControlService::transferView).orElse(null),
                monitorRows.active(call.callId).stream().map(ControlService::monitorView).toList());
    }

    private Attempt current(RoutedCall call) {
        return call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
    }

    private static boolean isLive(RoutedCall call) {
        return call.state == RoutedCall.State.CONNECTED && !call.callerGone;
    }

    private static ProblemException notLive(String callId) {
        return ProblemException.notFound("no live call " + callId);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
