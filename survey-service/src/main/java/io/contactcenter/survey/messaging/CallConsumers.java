package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.BatchApplier;
import io.contactcenter.support.messaging.RecordRetry;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.service.JourneyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code call-events} and {@code call-assignments} in batches ({@code batch=true}: the records of one poll, at
 * most {@code SURVEY_MAX_POLL_RECORDS}), applied in one database transaction with the calls locked in call-id order
 * ({@link BatchApplier}); the offsets are committed after it (the batch is acknowledged when the method returns). When
 * the batch fails it is rolled back and its records are applied one at a time: a transient failure (database,
 * directory) is retried until it passes ({@link RecordRetry}); only a record that can never be applied goes to
 * {@code <topic>.dlq}, alone. Metrics: {@code consumer_batches_total{topic,outcome}},
 * {@code consumer_record_retries_total{topic}}, {@code consumer_dead_letters_total{topic}} (the deploy's alert rules
 * watch the last two).
 */
@ApplicationScoped
public class CallConsumers {

    /**
     * The worker pool the batches are applied on, several at a time ({@code smallrye.messaging.worker.<pool>
     * .max-concurrency}): the journey is decided from stored state, so the order a call's records are applied in
     * does not matter, and its row lock serialises them.
     */
    static final String POOL = "survey-consumers";

    private final JourneyService journeys;
    private final BatchApplier batches;

    public CallConsumers(JourneyService journeys, SurveyConfig config, MeterRegistry registry, EntityManager em) {
        this.journeys = journeys;
        RecordRetry retry = new RecordRetry(config.consume().initialBackoff(), config.consume().maxBackoff(),
                registry);
        this.batches = new BatchApplier(retry, registry, () -> {
            em.flush();
            em.clear(); // the next record reads its journey afresh, as in a transaction of its own
        });
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onCallEvents(List<CallEvent> events, IncomingKafkaRecordBatchMetadata<String, CallEvent> poll) {
        batches.apply(Topics.CALL_EVENTS, poll.getBatchedMessages(), CallEvent::callId, event -> {
            if (event != SkippingCallEventDeserializer.SKIPPED) { // skipped by its header, unread
                journeys.onCallEvent(event);
            }
        });
    }

    @Incoming(Topics.CALL_ASSIGNMENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    public void onAssignments(List<Assignment> assignments,
            IncomingKafkaRecordBatchMetadata<String, Assignment> poll) {
        batches.apply(Topics.CALL_ASSIGNMENTS, poll.getBatchedMessages(), Assignment::callId, journeys::onAssignment);
    }
}
