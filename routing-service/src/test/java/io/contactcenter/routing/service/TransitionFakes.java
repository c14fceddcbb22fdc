package io.contactcenter.routing.service;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.work.WorkWritten;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link CallTransitions} over in-memory fakes of the layer below it (the repositories, the outbox writer, the CDI
 * event): what it wrote is kept in lists the tests read.
 */
final class TransitionFakes {

    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration RECLAIM = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofSeconds(30);
    static final Duration CONNECTED_CHECK = Duration.ofMinutes(30);
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration CALLBACK_RINGING = Duration.ofSeconds(30);
    static final Duration CALLBACK_GAP = Duration.ofMinutes(2);
    static final Duration DIALOGUE = Duration.ofSeconds(45);
    static final Duration UNREAD_REQUEST_WAIT = Duration.ofMinutes(15);

    /** An Assignment record the transitions wrote. */
    record Published(String callId, String agentId, AssignmentOutcome outcome, int attempt) {
    }

    final Map<String, RoutedCall> callRows = new HashMap<>();
    final Map<Long, Attempt> attemptRows = new HashMap<>();
    final List<Task> tasks = new ArrayList<>();
    final List<Published> published = new ArrayList<>();
    final List<WorkWritten> wakeUps = new ArrayList<>();
    final List<Collection<String>> freedDepartments = new ArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final CallTransitions transitions;
    final CallbackTransitions callbacks;

    TransitionFakes() {
        RoutingConfig config = config();
        Calls calls = new Calls();
        transitions = new CallTransitions(calls, new Attempts(), new Tasks(), new Outbox(), new Backoff(config),
                metrics, new Wake(), config);
        callbacks = new CallbackTransitions(transitions, calls, new Wake(), config);
    }

    /** A waiting call of department "sales" with known settings (3 attempts, 60 s max wait, 20 s ringing). */
    RoutedCall waitingCall() {
        RoutedCall call = new RoutedCall();
        call.callId = "call-" + callRows.size();
        call.departmentId = "sales";
        call.callerNumber = "447700900123";
        call.state = RoutedCall.State.WAITING;
        call.queuedAt = Instant.now();
        call.nextTryAt = call.queuedAt;
        call.maxAttempts = 3;
        call.maxWaitSeconds = 60;
        call.ringingTimeout = 20;
        call.updatedAt = call.queuedAt;
        callRows.put(call.callId, call);
        return call;
    }

    /** A call whose agent {@code agentId} was claimed (CALLING, attempt CLAIMED). */
    Attempt calling(RoutedCall call, String agentId) {
        return transitions.claimed(call, new io.contactcenter.directory.client.DirectoryModel.Agent(agentId,
                "Agent " + agentId, new io.contactcenter.directory.client.DirectoryModel.Endpoint("phone", "447700900001")));
    }

    /** A call whose agent leg {@code legId} rings. */
    Attempt ringing(RoutedCall call, String agentId, String legId) {
        Attempt attempt = calling(call, agentId);
        transitions.legCreated(call, attempt, legId);
        return attempt;
    }

    /** A call whose agent answered. */
    Attempt connected(RoutedCall call, String agentId, String legId) {
        Attempt attempt = ringing(call, agentId, legId);
        transitions.legAnswered(call, attempt, Instant.now());
        return attempt;
    }

    List<AssignmentOutcome> outcomes() {
        return published.stream().map(Published::outcome).toList();
    }

    /** The tasks written, as "KIND agent outcome" (outcome only for releases). */
    List<String> taskList() {
        return tasks.stream().map(t -> t.kind + " " + t.agentId + (t.outcome == null ? "" : " " + t.outcome)).toList();
    }

    void clearWrites() {
        tasks.clear();
        published.clear();
    }

    private final class Calls extends RoutedCallRepository {
        @Override
        public Optional<RoutedCall> lock(String callId) {
            return Optional.ofNullable(callRows.get(callId));
        }

        @Override
        public boolean insertWaiting(String callId, String departmentId, String callerNumber, String regionUrl,
                Instant queuedAt) {
            if (callRows.containsKey(callId)) {
                return false;
            }
            RoutedCall call = new RoutedCall();
            call.callId = callId;
            call.departmentId = departmentId;
            call.callerNumber = callerNumber;
            call.regionUrl = regionUrl;
            call.state = RoutedCall.State.WAITING;
            call.queuedAt = queuedAt;
            call.nextTryAt = Instant.now();
            callRows.put(callId, call);
            return true;
        }

        @Override
        public boolean insertGone(String callId) {
            if (callRows.containsKey(callId)) {
                return false;
            }
            RoutedCall call = new RoutedCall();
            call.callId = callId;
            call.state = RoutedCall.State.DONE;
            call.outcome = "ABANDONED";
            call.callerGone = true;
            call.queuedAt = Instant.now();
            callRows.put(callId, call);
            return true;
        }

        @Override
        public int makeMissedCallsDue(Collection<String> departmentIds, Instant now) {
            freedDepartments.add(List.copyOf(departmentIds));
            int due = 0;
            for (RoutedCall call : callRows.values()) {
                if (call.state == RoutedCall.State.WAITING && departmentIds.contains(call.departmentId)
                        && call.missedAgentAt != null && call.nextTryAt.isAfter(now)) {
                    call.nextTryAt = now;
                    due++;
                }
            }
            return due;
        }
    }

    private final class Attempts extends AttemptRepository {
        private long nextId = 1;

        @Override
        public void persist(Attempt attempt) {
            attempt.id = nextId++;
            attemptRows.put(attempt.id, attempt);
        }

        @Override
        public void flush() {
        }

        @Override
        public Attempt findById(Long id) {
            return attemptRows.get(id);
        }
    }

    private final class Tasks extends TaskRepository {
        Tasks() {
            super(null);
        }

        @Override
        public void add(Task task) {
            tasks.add(task);
        }
    }

    private final class Outbox extends Assignments {
        Outbox() {
            super(null, null, null, null);
        }

        @Override
        public void publish(RoutedCall call, Attempt attempt, AssignmentOutcome outcome) {
            published.add(new Published(call.callId, attempt == null ? null : attempt.agentId, outcome,
                    attempt == null ? call.attempts : attempt.attemptNo));
        }
    }

    private final class Wake implements Event<WorkWritten> {
        @Override
        public void fire(WorkWritten event) {
            wakeUps.add(event);
        }

        @Override
        public <U extends WorkWritten> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends WorkWritten> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<WorkWritten> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends WorkWritten> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends WorkWritten> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    /** routing.* as application.properties sets it (without the test profile's shorter times). */
    private static RoutingConfig config() {
        Map<String, Object> queue = Map.of("legCreationLease", LEASE, "reclaimInterval", RECLAIM, "ringingGrace", GRACE,
                "connectedCheckAfter", CONNECTED_CHECK, "pollInterval", POLL, "defaultMaxWaitSeconds", 120);
        Map<String, Object> retry = Map.of("initialBackoff", Duration.ofMillis(500), "maxBackoff", Duration.ofSeconds(30));
        Map<String, Object> callback = Map.of("dialogueTime", DIALOGUE, "ringingTimeout", CALLBACK_RINGING,
                "retryGap", CALLBACK_GAP, "defaultRetries", 2, "unreadRequestWait", UNREAD_REQUEST_WAIT);
        return proxy(RoutingConfig.class, Map.of("queue", proxy(RoutingConfig.Queue.class, queue),
                "retry", proxy(RoutingConfig.Retry.class, retry), "callback", proxy(RoutingConfig.Callback.class, callback)));
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        }));
    }
}
