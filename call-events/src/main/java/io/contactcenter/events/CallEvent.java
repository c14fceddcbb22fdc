package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * One Vonage webhook about a leg of a call, normalized by the gateway (topic {@link Topics#CALL_EVENTS}).
 *
 * @param eventId deterministic id: the same Vonage webhook delivered twice has the same id
 * @param version schema version of this record, {@link #VERSION} when produced by this code
 * @param callId the Vonage uuid of the caller's inbound leg (the record key)
 * @param legId the Vonage uuid of the leg this event is about
 * @param agentId the agent of an {@link Role#AGENT} leg, else null
 * @param status Vonage's status word, null for events without one (input, transfer, error)
 * @param digits DTMF digits of an input event
 * @param timedOut whether the input ended because the caller pressed nothing
 * @param regionUrl the Vonage region that serves the call, when known
 * @param occurredAt Vonage's timestamp
 * @param receivedAt when the gateway received the webhook
 * @param detail other Vonage fields worth keeping (duration, detail, disconnected_by, ...); the keys consumers act on
 *               are the {@link Detail} constants, read through {@link #detail(Detail)} and the typed accessors below
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEvent(
        String eventId,
        int version,
        String callId,
        String legId,
        Role role,
        String agentId,
        EventKind kind,
        CallStatus status,
        String digits,
        Boolean timedOut,
        String from,
        String to,
        String conversationUuid,
        String regionUrl,
        Instant occurredAt,
        Instant receivedAt,
        Map<String, String> detail) {

    public static final int VERSION = 1;

    /**
     * Kafka header on every {@code call-events} record, {@link #eventHeader()} as UTF-8: lets a consumer skip records
     * before deserializing them.
     */
    public static final String EVENT_HEADER = "cc-event";

    /** The keys of {@link #detail} that consumers act on (docs/events.md); the gateway writes the others for people. */
    public enum Detail {
        /** Agent and caller legs' {@code completed}: talk time in seconds (Vonage's {@code duration}). */
        DURATION("duration"),
        /** Agent and caller legs' {@code completed}: when the leg was answered (Vonage's {@code start_time}). */
        START_TIME("startTime"),
        /**
         * {@code MENU_INPUT}: {@code "true"} when the gateway routed the caller but answered the degraded NCCO (fallback
         * number or apology) because Kafka did not acknowledge the route request in time.
         */
        DEGRADED("degraded"),
        /** {@code MENU_INPUT} ({@code ROUTED}, {@code RETRY}, {@code GOODBYE}) and {@code SURVEY_INPUT} outcomes. */
        OUTCOME("outcome"),
        /** {@code MENU_INPUT}, {@code SURVEY_INPUT}: which prompt of the call it answers ({@code "1"}, {@code "2"}). */
        ATTEMPT("attempt"),
        /** {@code MENU_INPUT} with outcome {@code ROUTED}: the department chosen. */
        DEPARTMENT("department"),
        /**
         * {@code CALLBACK_INPUT} with outcome {@code CALLBACK_REQUESTED} from a department outside its opening hours:
         * the callback is not made before this instant (ISO-8601), the department's next opening.
         */
        NOT_BEFORE("notBefore");

        private final String key;

        Detail(String key) {
            this.key = key;
        }

        /** The key in the JSON {@code detail} object. */
        public String key() {
            return key;
        }
    }

    /**
     * The {@link #EVENT_HEADER} value: the kind, and for a status the status after a colon ({@code STATUS:COMPLETED},
     * {@code STATUS} for a status event without one, {@code MENU_INPUT}, {@code SURVEY_INPUT}).
     */
    public String eventHeader() {
        return status == null ? String.valueOf(kind) : kind + ":" + status.name();
    }

    /** The value of a detail key, null when absent. */
    public String detail(Detail key) {
        return detail == null ? null : detail.get(key.key());
    }

    /** The gateway's {@code MENU_INPUT} saying it routed the caller but answered degraded ({@link Detail#DEGRADED}). */
    public boolean degradedMenuAnswer() {
        return kind == EventKind.MENU_INPUT && "true".equals(detail(Detail.DEGRADED));
    }

    /**
     * Whether the leg carries a talk time ({@link Detail#DURATION} above 0, or a {@link Detail#START_TIME}): a
     * {@code completed} that says so proves the leg was answered, whatever order its events came in.
     */
    public boolean talked() {
        String duration = detail(Detail.DURATION);
        if (duration != null) {
            try {
                return Double.parseDouble(duration.trim()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String startTime = detail(Detail.START_TIME);
        return startTime != null && !startTime.isBlank();
    }

    /**
     * When the leg was answered: {@link #occurredAt} of an {@code answered}; of a {@code completed} with a talk time,
     * its {@link Detail#START_TIME}, else {@link #occurredAt} minus the {@link Detail#DURATION}. Null when nothing says
     * (or it is unreadable).
     */
    public Instant answeredAt() {
        if (occurredAt == null) {
            return null;
        }
        if (status == CallStatus.ANSWERED) {
            return occurredAt;
        }
        if (status != CallStatus.COMPLETED || !talked()) {
            return null;
        }
        try {
            String startTime = detail(Detail.START_TIME);
            if (startTime != null && !startTime.isBlank()) {
                return Instant.parse(startTime.trim());
            }
            return occurredAt.minusMillis(Math.round(Double.parseDouble(detail(Detail.DURATION).trim()) * 1000));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
