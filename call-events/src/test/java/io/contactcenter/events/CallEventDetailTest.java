package io.contactcenter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed reading of {@link CallEvent#detail()}: the keys consumers act on. */
class CallEventDetailTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:21:02.500Z");

    private static CallEvent event(EventKind kind, CallStatus status, Map<String, String> detail) {
        return new CallEvent("e", CallEvent.VERSION, "call", "leg", Role.AGENT, "agent", kind, status, null, null, null,
                null, null, null, AT, AT, detail);
    }

    @Test
    void aCompletedWithADurationWasAnsweredThatLongBeforeItEnded() {
        CallEvent completed = event(EventKind.STATUS, CallStatus.COMPLETED, Map.of("duration", "12"));
        assertTrue(completed.talked());
        assertEquals(AT.minusSeconds(12), completed.answeredAt());
    }

    @Test
    void aStartTimeWinsOverTheDuration() {
        CallEvent completed = event(EventKind.STATUS, CallStatus.COMPLETED,
                Map.of("duration", "12", "startTime", "2026-11-22T10:20:00Z"));
        assertEquals(Instant.parse("2026-11-22T10:20:00Z"), completed.answeredAt());
    }

    @Test
    void noTalkTimeMeansNotAnswered() {
        assertFalse(event(EventKind.STATUS, CallStatus.COMPLETED, Map.of("duration", "0")).talked());
        assertFalse(event(EventKind.STATUS, CallStatus.COMPLETED, Map.of("duration", "x")).talked());
        assertFalse(event(EventKind.STATUS, CallStatus.COMPLETED, null).talked());
        assertNull(event(EventKind.STATUS, CallStatus.COMPLETED, Map.of("duration", "0")).answeredAt());
        assertNull(event(EventKind.STATUS, CallStatus.TIMEOUT, Map.of("duration", "5")).answeredAt());
        assertEquals(AT, event(EventKind.STATUS, CallStatus.ANSWERED, null).answeredAt());
    }

    @Test
    void onlyAMenuInputCarriesTheDegradedFlag() {
        assertTrue(event(EventKind.MENU_INPUT, null, Map.of("degraded", "true")).degradedMenuAnswer());
        assertFalse(event(EventKind.MENU_INPUT, null, Map.of("outcome", "ROUTED")).degradedMenuAnswer());
        assertFalse(event(EventKind.STATUS, null, Map.of("degraded", "true")).degradedMenuAnswer());
        assertEquals("ROUTED", event(EventKind.MENU_INPUT, null, Map.of("outcome", "ROUTED"))
                .detail(CallEvent.Detail.OUTCOME));
    }

    @Test
    void theAccessorsAreNotPartOfTheJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        CallEvent completed = event(EventKind.STATUS, CallStatus.COMPLETED, Map.of("duration", "12"));
        JsonNode json = mapper.readTree(mapper.writeValueAsString(completed));
        assertFalse(json.has("talked") || json.has("answeredAt") || json.has("degradedMenuAnswer"), json.toString());
        assertEquals(completed, mapper.treeToValue(json, CallEvent.class));
    }
}
