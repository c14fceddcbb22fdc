package io.contactcenter.directory.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.contactcenter.events.CallEvent;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.nio.charset.StandardCharsets;
import io.contactcenter.testsupport.RecordHeadersOf;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which call-events records the directory skips unread by their cc-event header. */
class CallEventDeserializerTest {

    static final byte[] AGENT_ANSWERED = """
            {"eventId":"e1","version":1,"callId":"c1","legId":"l1","role":"AGENT","kind":"STATUS","status":"answered"}
            """.getBytes(StandardCharsets.UTF_8);

    final CallEventDeserializer deserializer = new CallEventDeserializer();

    static RecordHeaders header(String value) {
        return RecordHeadersOf.one(CallEvent.EVENT_HEADER, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MENU_INPUT", "SURVEY_INPUT", "CALLBACK_INPUT", "RECORDING", "STATUS", "STATUS:STARTED",
            "STATUS:RINGING"})
    void inputsRecordingsAndALegsFirstEventsAreSkippedUnread(String header) {
        assertSame(SkippingCallEventDeserializer.SKIPPED, deserializer.deserialize("call-events", header(header),
                RecordHeadersOf.UNREADABLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"STATUS:ANSWERED", "STATUS:COMPLETED", "STATUS:FAILED"})
    void anAgentLegsAnswerAndEveryFinalStatusAreRead(String header) {
        assertEquals("l1", deserializer.deserialize("call-events", header(header), AGENT_ANSWERED).legId());
    }
}
