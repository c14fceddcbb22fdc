package io.contactcenter.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryException;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.domain.Attempt;
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
import java.util.function.BiFunction;

/**
 * The call controls as requests: each one locks the call, checks who asks, answers a retried request (same
 * {@code Idempotency-Key}) with its first answer, else fires the transition of {@link CallControls} and stores the
 * answer, all in one transaction. Vonage is asked afterwards by the task loop.
 */
@ApplicationScoped
public class ControlService {

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
    private final ObjectMapper json;

    public ControlService(RoutedCallRepository calls, AttemptRepository attempts, IdempotentRequests idempotent,
            CallControls controls, CallTransferRepository transfers, DirectoryClient directory, ObjectMapper json) {
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

    /**
     * A transfer (routing-service/README.md, "Call controls"); so far cold transfers to a department: the target's
     * settings are read from the directory first (an unknown department is refused), outside the transaction.
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
        if (!request.kind().equals("cold") || !target.type().equals(TransferRequest.DEPARTMENT)) {
            throw new ProblemException(501, "Not Implemented",
                    "only cold transfers to a department are implemented so far");
        }
        DirectoryModel.Department department = targetDepartment(target.departmentId());
        return control(callId, actor, key, "transfer " + write(request), 202, (call, agent) -> {
            Instant queuedAt = call.queuedAt;
            if (Boolean.TRUE.equals(department.transferPriority())) {
                queuedAt = calls.oldestWaiting(department.id()).map(oldest -> oldest.minusMillis(1))
                        .filter(ahead -> ahead.isBefore(call.queuedAt)).orElse(call.queuedAt);
            }
            return transferView(controls.transferToDepartment(call, agent, request, actor.id(), queuedAt));
        });
    }

    private DirectoryModel.Department targetDepartment(String departmentId) {
        try {
            return directory.department(departmentId);
        } catch (DirectoryException e) {
            if (e.status() == 404 || e.status() == 400) {
                throw new ProblemException(422, "Unprocessable Content", "no department " + departmentId);
            }
            throw new ProblemException(503, "Service Unavailable", "the agent directory cannot be reached; try again");
        }
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
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String fingerprint = sha256(actor.id() + "\n" + request);
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedCall call = calls.lock(callId).orElseThrow(() -> notLive(callId));
            if (key != null) {
                IdempotentRequests.Answer first = idempotent.find(callId, key).orElse(null);
                if (first != null) {
                    if (!first.requestHash().equals(fingerprint)) {
                        throw new ProblemException(422, "Unprocessable Content",
                                "this Idempotency-Key was used for another request on the call");
                    }
                    return new Answer(first.status(), first.body());
                }
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
                transfers.inProgress(call.callId).map(ControlService::transferView).orElse(null), List.of());
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
