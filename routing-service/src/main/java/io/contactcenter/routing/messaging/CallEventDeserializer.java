package io.contactcenter.routing.messaging;

import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.util.Set;

/**
 * {@code call-events} values; survey inputs and status events without a status (answer, transfer, voicemail records),
 * which routing never acts on, are skipped unread by their {@code cc-event} header.
 */
public class CallEventDeserializer extends SkippingCallEventDeserializer {

    public CallEventDeserializer() {
        super(Set.of("SURVEY_INPUT", "STATUS"));
    }
}
