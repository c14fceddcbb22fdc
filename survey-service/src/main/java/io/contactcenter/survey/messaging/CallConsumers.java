package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.RecordRetry;
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
 * to {@code <topic>.dlq}. Metrics: {@code survey_record_retries_total{topic}},
 * {@code survey_dead_letters_total{topic}} (the deploy's alert rule watches the latter).
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
    private final MeterRegistry registry;

    public CallConsumers(JourneyService journeys, SurveyConfig config, MeterRegistry registry) {
        this.journeys = journeys;
        this.retry = new RecordRetry(config.consume().initialBackoff(), config.consume().maxBackoff());
        this.registry = registry;
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onCallEvent(CallEvent event) {
        apply(Topics.CALL_EVENTS, event, () -> journeys.onCallEvent(event));
    }

    @Incoming(Topics.CALL_ASSIGNMENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onAssignment(Assignment assignment) {
        apply(Topics.CALL_ASSIGNMENTS, assignment, () -> journeys.onAssignment(assignment));
    }

    private void apply(String topic, Object record, Runnable action) {
        retry.apply(topic + " record " + record, () -> {
            if (record == null) {
                throw new IllegalArgumentException("unreadable " + topic + " record");
            }
            action.run();
        }, new RecordRetry.Outcome() {
            @Override
            public void retrying(RuntimeException failure, long backoffMillis) {
                registry.counter("survey.record.retries", "topic", topic).increment();
            }

            @Override
            public void refused(RuntimeException failure) {
                registry.counter("survey.dead.letters", "topic", topic).increment();
            }
        });
    }
}
