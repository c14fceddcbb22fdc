package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.contactcenter.events.CallEvent;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Which call-events records routing skips unread by their cc-event header (survey's test runs it on the broker). */
class CallEventDeserializerTest {

    static final byte[] UNREADABLE = "{not json".getBytes(StandardCharsets.UTF_8);
    static final byte[] CALLER_COMPLETED = """
            {"eventId":"e1","version":1,"callId":"c1","legId":"c1","role":"CALLER","kind":"STATUS","status":"completed"}
            """.getBytes(StandardCharsets.UTF_8);

    final CallEventDeserializer deserializer = new CallEventDeserializer();

    static RecordHeaders header(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CallEvent.EVENT_HEADER, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void surveyInputsAndStatuslessEventsAreSkippedUnread() {
        assertSame(SkippingCallEventDeserializer.SKIPPED, deserializer.deserialize("call-events", header("SURVEY_INPUT"), UNREADABLE));
        assertSame(SkippingCallEventDeserializer.SKIPPED, deserializer.deserialize("call-events", header("STATUS"), UNREADABLE));
    }

    @Test
    void whatRoutingMayActOnIsRead() {
        assertEquals("c1", deserializer.deserialize("call-events", header("STATUS:COMPLETED"), CALLER_COMPLETED).callId());
        assertEquals("c1", deserializer.deserialize("call-events", new RecordHeaders(), CALLER_COMPLETED).callId(),
                "a record without the header (older producers) is read");
        assertEquals("c1", deserializer.deserialize("call-events", header("MENU_INPUT"), CALLER_COMPLETED).callId(),
                "a degraded menu answer matters");
    }
}
