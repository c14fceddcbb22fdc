package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.contactcenter.events.CallEvent;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.nio.charset.StandardCharsets;
import io.contactcenter.testsupport.RecordHeadersOf;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Which call-events records routing skips unread by their cc-event header (survey's test runs it on the broker). */
class CallEventDeserializerTest {

    static final byte[] CALLER_COMPLETED = """
            {"eventId":"e1","version":1,"callId":"c1","legId":"c1","role":"CALLER","kind":"STATUS","status":"completed"}
            """.getBytes(StandardCharsets.UTF_8);

    final CallEventDeserializer deserializer = new CallEventDeserializer();

    static RecordHeaders header(String value) {
        return RecordHeadersOf.one(CallEvent.EVENT_HEADER, value);
    }

    @Test
    void surveyInputsAndStatuslessEventsAreSkippedUnread() {
        assertSame(SkippingCallEventDeserializer.SKIPPED, deserializer.deserialize("call-events", header("SURVEY_INPUT"), RecordHeadersOf.UNREADABLE));
        assertSame(SkippingCallEventDeserializer.SKIPPED, deserializer.deserialize("call-events", header("STATUS"), RecordHeadersOf.UNREADABLE));
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
