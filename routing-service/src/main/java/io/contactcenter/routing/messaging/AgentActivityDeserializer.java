package io.contactcenter.routing.messaging;

import io.contactcenter.events.AgentActivity;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class AgentActivityDeserializer extends ObjectMapperDeserializer<AgentActivity> {
    public AgentActivityDeserializer() {
        super(AgentActivity.class);
    }
}
