package io.contactcenter.simulator.engine;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The bodies of the webhooks Vonage sends, in its shapes (voice-api-notes §4): one place for every field. */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static Map<String, Object> answer(Leg leg, Optional<String> singleRegionUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", leg.to().value());
        if (leg.from() != null && "app".equals(leg.from().type())) {
            p.put("from_user", leg.from().value());
        } else if (leg.from() != null) {
            p.put("from", leg.from().value());
        }
        p.put("endpoint_type", "inbound".equals(leg.direction()) ? leg.from().type() : leg.to().type());
        p.put("uuid", leg.uuid());
        p.put("conversation_uuid", leg.conversationUuid);
        if (leg.region != null) {
            p.put("region_url", leg.region.url());
        } else {
            singleRegionUrl.ifPresent(r -> p.put("region_url", r));
        }
        return p;
    }

    static Map<String, Object> status(Leg leg, String status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        if ("completed".equals(status)) {
            p.put("end_time", leg.endedAt == null ? now() : iso(leg.endedAt));
            p.put("uuid", leg.uuid());
            p.put("network", "GB-FIXED");
            p.put("duration", String.valueOf(leg.durationSeconds()));
            p.put("start_time", leg.answeredAt == null ? null : iso(leg.answeredAt));
            p.put("rate", "0.00000000");
            p.put("price", "0.00000000");
        } else if ("answered".equals(status)) {
            p.put("start_time", null);
            p.put("rate", null);
            p.put("uuid", leg.uuid());
            p.put("network", null);
        } else {
            p.put("uuid", leg.uuid());
        }
        p.put("from", leg.from() == null ? null : leg.from().value());
        p.put("to", leg.to().value());
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        p.put("direction", leg.direction());
        if ("completed".equals(status) && leg.disconnectedBy != null) {
            p.put("disconnected_by", leg.disconnectedBy);
        }
        p.put("timestamp", now());
        return p;
    }

    static Map<String, Object> transfer(Leg leg, String fromConversation, String toConversation) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_uuid_from", fromConversation);
        p.put("conversation_uuid_to", toConversation);
        p.put("uuid", leg.uuid());
        p.put("timestamp", now());
        p.put("type", "transfer");
        return p;
    }

    static Map<String, Object> error(Leg leg, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reason", reason);
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("timestamp", now());
        return p;
    }

    static Map<String, Object> input(Leg leg, Map<String, Object> speech, Map<String, Object> dtmf) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("speech", speech);
        p.put("dtmf", dtmf);
        p.put("from", leg.from() == null ? null : leg.from().value());
        p.put("to", leg.to().value());
        p.put("uuid", leg.uuid());
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("timestamp", now());
        return p;
    }

    static Map<String, Object> recording(Leg leg, String recordingUuid, Instant started, String baseUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start_time", started.toString());
        p.put("recording_url", baseUrl + "/v1/files/" + recordingUuid);
        p.put("size", 12345);
        p.put("recording_uuid", recordingUuid);
        p.put("end_time", Instant.now().toString());
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("timestamp", now());
        return p;
    }

    /** The first URL of a Vonage URL field (an array; a bare string is tolerated). */
    static String firstUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.size() == 0 ? null : node.get(0).asText(null);
        }
        return node.asText(null);
    }

    static String now() {
        return iso(Instant.now());
    }

    /** Vonage's timestamps: ISO-8601 UTC with milliseconds, always three digits. */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
    }
}
