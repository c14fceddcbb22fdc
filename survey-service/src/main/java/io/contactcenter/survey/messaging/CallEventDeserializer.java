package io.contactcenter.survey.messaging;

import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import java.util.Set;

/**
 * {@code call-events} values; records whose {@code cc-event} header says they are a leg's {@code started} or
 * {@code ringing} are skipped unread: they decide nothing, and the facts survey keeps (the caller's number, the call's
 * region) come again with the answer webhook, the menu input and the legs' later events.
 */
public class CallEventDeserializer extends SkippingCallEventDeserializer {

    public CallEventDeserializer() {
        super(Set.of("STATUS:STARTED", "STATUS:RINGING"));
    }
}
