package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.survey.service.JourneyService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code call-events} and {@code call-assignments}. Each record is applied in one database transaction;
 * the offset is committed after it (the message is acknowledged when the method returns). A record that still
 * fails after a few retries goes to {@code <topic>.dlq}.
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

    public CallConsumers(JourneyService journeys) {
        this.journeys = journeys;
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    @Retry(maxRetries = 3, delay = 200, abortOn = IllegalArgumentException.class)
    public void onCallEvent(CallEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("unreadable call event");
        }
        journeys.onCallEvent(event);
    }

    @Incoming(Topics.CALL_ASSIGNMENTS)
    @Blocking(value = CallConsumers.POOL, ordered = false)
    @Retry(maxRetries = 3, delay = 200, abortOn = IllegalArgumentException.class)
    public void onAssignment(Assignment assignment) {
        if (assignment == null) {
            throw new IllegalArgumentException("unreadable assignment");
        }
        journeys.onAssignment(assignment);
    }
}
