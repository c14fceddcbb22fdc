package io.contactcenter.directory.messaging;

import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.util.Set;

/**
 * {@code call-events} values; what the directory never acts on is skipped unread by its {@code cc-event} header: the
 * IVR's, survey's and callback dialogue's inputs, recordings, status events without a status, and a leg's
 * {@code started} and {@code ringing} (an agent leg is remembered from its {@code answered}, {@link OutboundCallEnds}).
 */
public class CallEventDeserializer extends SkippingCallEventDeserializer {

    public CallEventDeserializer() {
        super(Set.of("MENU_INPUT", "SURVEY_INPUT", "CALLBACK_INPUT", "RECORDING", "STATUS", "STATUS:STARTED",
                "STATUS:RINGING"));
    }
}
