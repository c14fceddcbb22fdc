package io.contactcenter.routing.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.routing.domain.CallRecording;
import io.contactcenter.routing.domain.CallRecordingRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Call recording (routing-service/README.md, "Recording"): a department's mode {@code on} records every call when its
 * agent answers, {@code on-request} when the agent (or a supervisor) asks. Either way the caller's leg hears the
 * announcement, then a record action starts and the caller is (back) in the conversation ({@code RECORD_CALLER}, run
 * by the task loop); Vonage's record event comes back through the gateway as a {@code RECORDING} CallEvent and is
 * stored once. Like {@link CallControls}, the transitions run in the caller's transaction on the call's locked row.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);
    /** The department records every answered call. */
    static final String ON = "on";
    /** The department records a call when its agent asks. */
    static final String ON_REQUEST = "on-request";
    /** The most recordings one listing returns (the newest). */
    static final int MAX_LISTED = 1000;

    private final TaskRepository tasks;
    private final CallRecordingRepository recordings;
    private final RoutedCallRepository calls;

    public RecordingService(TaskRepository tasks, CallRecordingRepository recordings, RoutedCallRepository calls) {
        this.tasks = tasks;
        this.recordings = recordings;
        this.calls = calls;
    }

    /**
     * An agent answered (the caller is about to be, or is, in the conversation with them): whether the call starts
     * being recorded now, which also brings the caller into the conversation after the announcement. True for a
     * department recording every call, once per call. (Static: {@link CallTransitions} calls it with its own tasks.)
     */
    static boolean startOnAnswer(RoutedCall call, TaskRepository tasks) {
        if (!ON.equals(call.recordingMode) || call.recordingStartedAt != null) {
            return false;
        }
        start(call, tasks);
        return true;
    }

    /**
     * The agent on the call (or a supervisor) asks for the recording: refused (409) when the department does not
     * record calls, the call is recorded already, or the caller is on hold (out of the conversation).
     */
    public void requested(RoutedCall call) {
        if (!ON_REQUEST.equals(call.recordingMode) && !ON.equals(call.recordingMode)) {
            throw ProblemException.conflict("the department of this call does not record calls");
        }
        if (call.recordingStartedAt != null) {
            throw ProblemException.conflict("the call is being recorded already");
        }
        if (call.onHold) {
            throw ProblemException.conflict("the caller is on hold: take them back before recording");
        }
        start(call, tasks);
    }

    private static void start(RoutedCall call, TaskRepository tasks) {
        call.recordingStartedAt = Instant.now();
        call.updatedAt = call.recordingStartedAt;
        // the caller's leg: a callback's is the leg that called them back
        String callerLeg = call.callbackLegId != null ? call.callbackLegId : call.callId;
        tasks.add(Task.of(call.callId, Task.Kind.RECORD_CALLER, null, callerLeg, null));
        LOG.infof("Call %s recorded (department %s, mode %s)", call.callId, call.departmentId, call.recordingMode);
    }

    /** Whether a consumed record is a call's recording that Vonage reported. */
    static boolean isRecording(CallEvent event) {
        return event.kind() == EventKind.RECORDING;
    }

    /**
     * Vonage reported a recording of the call: stored once (per recording uuid), with the call's department and
     * agents as they are now (the call has usually ended). A report without a URL is logged and dropped.
     */
    public void reported(CallEvent event) {
        Map<String, String> detail = event.detail() == null ? Map.of() : event.detail();
        String url = detail.get("recordingUrl");
        if (url == null || url.isBlank()) {
            LOG.warnf("Recording event %s of call %s without a URL ignored", event.eventId(), event.callId());
            return;
        }
        RoutedCall call = calls.findByIdOptional(event.callId()).orElse(null);
        CallRecording recording = new CallRecording();
        recording.recordingUuid = detail.getOrDefault("recordingUuid", event.eventId());
        recording.callId = event.callId();
        recording.departmentId = call == null ? null : call.departmentId;
        recording.agentIds = call == null ? null : call.agentIds;
        recording.url = url;
        recording.durationSeconds = seconds(detail.get("durationSeconds"));
        recording.startedAt = startedAt(event, detail.get("startTime"));
        if (recordings.insertOnce(recording)) {
            LOG.infof("Recording %s of call %s stored (%s s)", recording.recordingUuid, recording.callId,
                    recording.durationSeconds);
        }
    }

    /** The newest recordings, of one department and/or call when given. */
    public List<RecordingView> list(String departmentId, String callId) {
        return QuarkusTransaction.requiringNew().call(() -> recordings.newest(blankToNull(departmentId),
                blankToNull(callId), MAX_LISTED).stream().map(RecordingService::view).toList());
    }

    private static RecordingView view(CallRecording recording) {
        List<String> agents = recording.agentIds == null || recording.agentIds.isBlank() ? List.of()
                : List.of(recording.agentIds.split(","));
        return new RecordingView(recording.callId, recording.departmentId, agents, recording.url,
                recording.durationSeconds, recording.startedAt);
    }

    private static Integer seconds(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Vonage's {@code start_time}; else when the event happened (never null: the row's age counts from it). */
    private static Instant startedAt(CallEvent event, String startTime) {
        try {
            if (startTime != null) {
                return Instant.parse(startTime);
            }
        } catch (DateTimeParseException e) {
            LOG.debugf("Recording of call %s: unreadable startTime %s", event.callId(), startTime);
        }
        return event.occurredAt() != null ? event.occurredAt() : Instant.now();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
