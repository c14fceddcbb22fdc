package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

public class AssignmentDeserializer extends ObjectMapperDeserializer<Assignment> {
    public AssignmentDeserializer() {
        super(Assignment.class);
    }
}
