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
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Vonage's record event of a message left outside opening hours ({@code /webhooks/recording}, a URL of
 * {@link Nccos#closed}): stored in the directory (one per call), then published as a CallEvent (kind STATUS, no status,
 * {@code detail.type=voicemail}; docs/events.md). Acknowledged only when both happened; otherwise 503 so that Vonage
 * retries, and a retry stores nothing twice (same call id, same event id).
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

    /**
     * @param params our signed URL parameters: {@code call}, {@code department}, optionally {@code caller} (sealed)
     * @return whether the message is stored and its event acknowledged
     */
    public boolean recorded(Payload payload, Map<String, String> params) {
        String callId = params.get("call");
        String departmentId = params.get("department");
        if (callId == null || departmentId == null) {
            throw ProblemException.badRequest("query parameters 'call' and 'department' are required");
        }
        // sealed by us and inside our signed URL: a value that does not open is our own bug, never the caller's
        String callerNumber = Optional.ofNullable(params.get("caller")).flatMap(callerSeal::open).orElse(null);
        String recordingUrl = recordingUrl(payload.required("recording_url"));
        String recordingUuid = payload.id("recording_uuid");
        Instant start = payload.instant("start_time");
        Instant end = payload.instant("end_time");
        Integer seconds = start != null && end != null && !end.isBefore(start)
                ? (int) Math.min(86_400, Math.round(Duration.between(start, end).toMillis() / 1000.0)) : null;
        Instant occurredAt = payload.instant("timestamp");

        StoredVoicemail stored;
        try {
            stored = directory.storeVoicemail(new Voicemail(callId, departmentId, callerNumber, recordingUrl,
                    recordingUuid, seconds, start));
        } catch (RuntimeException e) {
            LOG.warnf("call %s: voicemail not stored in the directory yet (Vonage retries): %s", callId, e.toString());
            return false;
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("type", "voicemail");
        detail.put("department", departmentId);
        detail.put("voicemailId", stored.id());
        detail.put("recordingUrl", recordingUrl);
        AnswerService.putIfPresent(detail, "recordingUuid", recordingUuid);
        AnswerService.putIfPresent(detail, "durationSeconds", seconds == null ? null : seconds.toString());
        AnswerService.putIfPresent(detail, "startTime", payload.text("start_time"));
        AnswerService.putIfPresent(detail, "endTime", payload.text("end_time"));
        CallEvent event = new CallEvent(EventIds.of("voicemail", callId, recordingUuid, recordingUrl), CallEvent.VERSION,
                callId, null, Role.CALLER, null, EventKind.STATUS, null, null, null, null, null,
                payload.text("conversation_uuid"), null, occurredAt, Instant.now(), detail);
        return publisher.publishAndWait(event, config.kafka().ackTimeout());
    }

    private static String recordingUrl(String value) {
        if (!AnswerService.isHttpUrl(value)) {
            throw ProblemException.badRequest("field 'recording_url' must be an http(s) URL");
        }
        return value;
    }
}
