package io.contactcenter.directory.messaging;

import io.contactcenter.events.CallEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class CallEventDeserializer extends ObjectMapperDeserializer<CallEvent> {
    public CallEventDeserializer() {
        super(CallEvent.class);
    }
}
