package io.contactcenter.routing.messaging;

import io.contactcenter.events.RouteRequest;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class RouteRequestDeserializer extends ObjectMapperDeserializer<RouteRequest> {
    public RouteRequestDeserializer() {
        super(RouteRequest.class);
    }
}
