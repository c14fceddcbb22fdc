package io.contactcenter.support.messaging;

import io.contactcenter.events.CallEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A {@code call-events} value deserializer that skips, before parsing, the records a consumer does not act on: a record
 * whose {@link CallEvent#EVENT_HEADER} (set by the gateway: {@code STATUS:COMPLETED}, {@code SURVEY_INPUT}, ...) is one
 * of the consumer's {@code skipped} values reads as {@link #SKIPPED}, which the consumer acknowledges without applying.
 * A record without the header (produced before it existed) is parsed as before, so the consumer's own checks decide.
 */
public abstract class SkippingCallEventDeserializer extends ObjectMapperDeserializer<CallEvent> {

    /** What a skipped record reads as (compare by identity). */
    public static final CallEvent SKIPPED = new CallEvent(null, 0, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    private final Set<String> skipped;

    protected SkippingCallEventDeserializer(Set<String> skipped) {
        super(CallEvent.class);
        this.skipped = Set.copyOf(skipped);
    }

    @Override
    public CallEvent deserialize(String topic, Headers headers, byte[] data) {
        Header header = headers == null ? null : headers.lastHeader(CallEvent.EVENT_HEADER);
        if (header != null && header.value() != null
                && skipped.contains(new String(header.value(), StandardCharsets.UTF_8))) {
            return SKIPPED;
        }
        return deserialize(topic, data);
    }
}
