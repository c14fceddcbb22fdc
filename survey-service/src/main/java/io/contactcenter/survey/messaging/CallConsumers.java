package io.contactcenter.survey.messaging;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Topics;
import io.contactcenter.survey.service.JourneyService;
import io.contactcenter.survey.service.Workers;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code call-events} and {@code call-assignments}. Each record is applied in one database transaction;
 * the offset is committed after it (the message is acknowledged when the method returns), and the workers are
 * woken for what it changed. A record that still
 * fails after a few retries goes to {@code <topic>.dlq}.
 */
@ApplicationScoped
public class CallConsumers {

    private final JourneyService journeys;
    private final Workers workers;

    public CallConsumers(JourneyService journeys, Workers workers) {
        this.journeys = journeys;
        this.workers = workers;
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = IllegalArgumentException.class)
    public void onCallEvent(CallEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("unreadable call event");
        }
        journeys.onCallEvent(event);
        workers.recordApplied();
    }

    @Incoming(Topics.CALL_ASSIGNMENTS)
    @Blocking
    @Retry(maxRetries = 3, delay = 200, abortOn = IllegalArgumentException.class)
    public void onAssignment(Assignment assignment) {
        if (assignment == null) {
            throw new IllegalArgumentException("unreadable assignment");
        }
        journeys.onAssignment(assignment);
        workers.recordApplied();
    }
}
