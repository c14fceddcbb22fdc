package io.contactcenter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire format of the four topics, as outside consumers see it. */
class EventJsonTest {

    /** Configured like Quarkus' default ObjectMapper: ISO dates, unknown properties fail unless the type allows them. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Instant VONAGE_TIME = Instant.parse("2020-01-01T12:00:02.000Z");

    @Test
    void callEventRoundTripsWithVonageStatusWordsAndIsoTimestamps() throws Exception {
        CallEvent event = new CallEvent("ev-1", CallEvent.VERSION, "call-1", "leg-2", Role.AGENT, "agent-7",
                EventKind.STATUS, CallStatus.COMPLETED, null, null, "442079460000", "447700900000",
                "CON-1", "https://api-us-3.vonage.com", VONAGE_TIME, VONAGE_TIME.plusMillis(15),
                Map.of("duration", "2"));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(event));

        assertEquals("completed", json.get("status").asText());
        assertEquals("AGENT", json.get("role").asText());
        assertEquals("2020-01-01T12:00:02Z", json.get("occurredAt").asText());
        assertEquals(1, json.get("version").asInt());
        assertFalse(json.has("digits"), "absent values are left out");
        assertEquals(event, mapper.treeToValue(json, CallEvent.class));
    }

    @Test
    void callEventReadsVonageTimestampWithMillisAndUnknownStatus() throws Exception {
        String json = """
                {"eventId":"e","version":1,"callId":"c","legId":"c","role":"CALLER","kind":"STATUS",
                 "status":"transcribed","occurredAt":"2020-01-01T12:00:00.000Z"}""";

        CallEvent event = mapper.readValue(json, CallEvent.class);

        assertEquals(CallStatus.UNKNOWN, event.status());
        assertEquals(Instant.parse("2020-01-01T12:00:00Z"), event.occurredAt());
    }

    @Test
    void everyRecordIgnoresFieldsAddedByNewerProducers() throws Exception {
        String extra = "\"addedInVersion2\":{\"nested\":[1,2]},\"version\":2";
        assertEquals("c", mapper.readValue("{\"callId\":\"c\"," + extra + "}", CallEvent.class).callId());
        assertEquals("c", mapper.readValue("{\"callId\":\"c\"," + extra + "}", RouteRequest.class).callId());
        assertEquals("c", mapper.readValue("{\"callId\":\"c\"," + extra + "}", Assignment.class).callId());
        assertEquals("c", mapper.readValue("{\"callId\":\"c\"," + extra + "}", SurveyResult.class).callId());
    }

    @Test
    void routeRequestAssignmentAndSurveyResultRoundTrip() throws Exception {
        List<Object> records = List.of(
                new RouteRequest("r-1", RouteRequest.VERSION, "call-1", "sales", "447700900000",
                        RouteRequest.conversationNameFor("call-1"), null, VONAGE_TIME),
                new Assignment("a-1", Assignment.VERSION, "call-1", "sales", "agent-7", "leg-2",
                        AssignmentOutcome.NO_ANSWER, 2, VONAGE_TIME),
                new SurveyResult("s-1", SurveyResult.VERSION, "call-1", "sales", "agent-7", 4,
                        SurveyStatus.ANSWERED, "4477****0000", VONAGE_TIME, VONAGE_TIME.plusSeconds(5)));

        for (Object record : records) {
            String json = mapper.writeValueAsString(record);
            assertEquals(record, mapper.readValue(json, record.getClass()), json);
            assertTrue(mapper.readTree(json).has("eventId"), json);
            assertTrue(mapper.readTree(json).has("version"), json);
        }
    }

    @Test
    void routeRequestNamesTheConversationAfterTheCall() {
        assertEquals("cc-abc", RouteRequest.conversationNameFor("abc"));
    }

    @Test
    void statusesKnowWhetherTheLegIsOver() {
        assertTrue(CallStatus.UNANSWERED.isUnanswered());
        assertFalse(CallStatus.COMPLETED.isUnanswered());
        assertTrue(CallStatus.COMPLETED.isFinal());
        assertFalse(CallStatus.ANSWERED.isFinal());
        assertNull(CallStatus.fromVonage(""));
        assertEquals(CallStatus.BUSY, CallStatus.fromVonage("busy"));
    }

    @Test
    void deadLetterTopicsAreNamedAfterTheirSource() {
        assertEquals("call-events.dlq", Topics.deadLetter(Topics.CALL_EVENTS));
    }
}
