package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.RecordRetry;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.service.JourneyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code call-events} and {@code call-assignments}. Each record is applied in one database transaction;
 * the offset is committed after it (the message is acknowledged when the method returns). A transient failure
 * (database, directory) is retried until it passes ({@link RecordRetry}); only a record that can never be applied goes
 * to {@code <topic>.dlq}. Metrics: {@code consumer_record_retries_total{topic}},
 * {@code consumer_dead_letters_total{topic}} (the deploy's alert rules watch both).
 */
@ApplicationScoped
public class CallConsumers {

    /**
     * The worker pool the records are applied on, several at a time ({@code smallrye.messaging.worker.<pool>
     * .max-concurrency}): the journey is decided from stored state, so the order a call's records are applied in
     * does not matter, and its row lock serialises them.
     */
    static final String POOL = "survey-consumers";

    private final JourneyService journeys;
    private final RecordRetry retry;

    public CallConsumers(JourneyService journeys, SurveyConfig config, MeterRegistry registry) {
        this.journeys = journeys;
        this.retry = new RecordRetry(config.consume().initialBackoff(), config.consume().maxBackoff(), registry);
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onCallEvent(CallEvent event) {
        if (event == SkippingCallEventDeserializer.SKIPPED) {
            return; // skipped by its header, unread
        }
        retry.apply(Topics.CALL_EVENTS, event, journeys::onCallEvent);
    }

    @Incoming(Topics.CALL_ASSIGNMENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onAssignment(Assignment assignment) {
        retry.apply(Topics.CALL_ASSIGNMENTS, assignment, journeys::onAssignment);
    }
}
