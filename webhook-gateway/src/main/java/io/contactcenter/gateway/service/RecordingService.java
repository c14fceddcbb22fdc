package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryModel.StoredVoicemail;
import io.contactcenter.directory.client.DirectoryModel.Voicemail;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.gateway.security.CallerNumberSeal;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.webhook.GatewayWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Vonage's record events at {@code /webhooks/recording}. A message left outside opening hours (a URL of
 * {@link Nccos#closed}): stored in the directory (one per call), then published as a CallEvent (kind STATUS, no status,
 * {@code detail.type=voicemail}). The recording of a connected call ({@code kind=call}, routing's record action):
 * published as a CallEvent of kind RECORDING, which routing stores. docs/events.md. Acknowledged only when all of it
 * happened; otherwise 503 so that Vonage retries, and a retry stores nothing twice (same call id, same event id).
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);

    private final DirectoryClient directory;
    private final EventPublisher publisher;
    private final CallerNumberSeal callerSeal;
    private final GatewayConfig config;

    public RecordingService(DirectoryClient directory, EventPublisher publisher, CallerNumberSeal callerSeal,
            GatewayConfig config) {
        this.directory = directory;
        this.publisher = publisher;
        this.callerSeal = callerSeal;
        this.config = config;
    }

    /** What every record event says: where the recording is, since when and how long. */
    private record Recording(String url, String uuid, Instant start, Integer seconds) {

        static Recording of(Payload payload) {
            Instant start = payload.instant("start_time");
            Instant end = payload.instant("end_time");
            Integer seconds = start != null && end != null && !end.isBefore(start)
                    ? (int) Math.min(86_400, Math.round(Duration.between(start, end).toMillis() / 1000.0)) : null;
            return new Recording(recordingUrl(payload.required("recording_url")), payload.id("recording_uuid"), start,
                    seconds);
        }

        /** The detail keys both kinds of record share (after {@code type} and the kind's own). */
        void putInto(Map<String, String> detail, Payload payload) {
            detail.put("recordingUrl", url);
            AnswerService.putIfPresent(detail, "recordingUuid", uuid);
            AnswerService.putIfPresent(detail, "durationSeconds", seconds == null ? null : seconds.toString());
            AnswerService.putIfPresent(detail, "startTime", payload.text("start_time"));
            AnswerService.putIfPresent(detail, "endTime", payload.text("end_time"));
        }
    }

    /**
     * @param params our signed URL parameters: {@code call}; for a voicemail {@code department}, optionally
     *        {@code caller} (sealed); for a call's recording {@code kind=call}
     * @return whether the recording is stored (a voicemail) and its event acknowledged
     */
    public boolean recorded(Payload payload, Map<String, String> params) {
        String callId = params.get(GatewayWebhooks.CALL);
        if (GatewayWebhooks.CALL_RECORDING.equals(params.get(GatewayWebhooks.KIND))) {
            if (callId == null) {
                throw ProblemException.badRequest("query parameter 'call' is required");
            }
            return callRecorded(callId, payload);
        }
        String departmentId = params.get(GatewayWebhooks.DEPARTMENT);
        if (callId == null || departmentId == null) {
            throw ProblemException.badRequest("query parameters 'call' and 'department' are required");
        }
        // sealed by us and inside our signed URL: a value that does not open is our own bug, never the caller's
        String callerNumber = Optional.ofNullable(params.get("caller")).flatMap(callerSeal::open).orElse(null);
        Recording recording = Recording.of(payload);

        StoredVoicemail stored;
        try {
            stored = directory.storeVoicemail(new Voicemail(callId, departmentId, callerNumber, recording.url(),
                    recording.uuid(), recording.seconds(), recording.start()));
        } catch (RuntimeException e) {
            LOG.warnf("call %s: voicemail not stored in the directory yet (Vonage retries): %s", callId, e.toString());
            return false;
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("type", "voicemail");
        detail.put("department", departmentId);
        detail.put("voicemailId", stored.id());
        recording.putInto(detail, payload);
        return publish(EventIds.of("voicemail", callId, recording.uuid(), recording.url()), callId,
                EventKind.STATUS, detail, payload);
    }

    /** A connected call's recording: published for routing (which stores it), nothing kept here. */
    private boolean callRecorded(String callId, Payload payload) {
        Recording recording = Recording.of(payload);
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("type", "call");
        recording.putInto(detail, payload);
        return publish(EventIds.of("recording", callId, recording.uuid(), recording.url()), callId,
                EventKind.RECORDING, detail, payload);
    }

    private boolean publish(String eventId, String callId, EventKind kind, Map<String, String> detail,
            Payload payload) {
        CallEvent event = new CallEvent(eventId, CallEvent.VERSION, callId, null, Role.CALLER, null, kind, null, null,
                null, null, null, payload.text("conversation_uuid"), null, payload.instant("timestamp"),
                Instant.now(), detail);
        return publisher.publishAndWait(event, config.kafka().ackTimeout());
    }

    private static String recordingUrl(String value) {
        if (!AnswerService.isHttpUrl(value)) {
            throw ProblemException.badRequest("field 'recording_url' must be an http(s) URL");
        }
        return value;
    }
}
