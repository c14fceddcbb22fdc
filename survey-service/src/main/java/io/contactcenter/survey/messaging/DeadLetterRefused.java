package io.contactcenter.survey.messaging;

import io.contactcenter.support.messaging.RefusedRecordsOnly;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Singleton;

/** {@code failure-strategy=dead-letter-refused} for survey's consumers: see {@link RefusedRecordsOnly}. */
@Singleton
@Identifier(RefusedRecordsOnly.STRATEGY)
public class DeadLetterRefused extends RefusedRecordsOnly.Factory {

    public DeadLetterRefused(
            @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetters) {
        super(deadLetters);
    }
}
