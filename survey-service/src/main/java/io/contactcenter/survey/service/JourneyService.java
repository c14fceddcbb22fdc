package io.contactcenter.survey.service;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.SurveyDialogue;
import io.contactcenter.events.Topics;
import io.contactcenter.survey.client.DepartmentSurveySettings;
import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.JourneyRepository;
import io.contactcenter.survey.domain.ProcessedEvents;
import io.contactcenter.survey.domain.SurveyState;
import io.contactcenter.survey.config.SurveyConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The adapter between the consumed records (and the periodic sweeps) and {@link JourneyTransitions}: each record is
 * applied with the call's journey row locked and the record's id stored, so duplicates are no-ops and the two topics'
 * consumers never race on one call; in the consumer's batch transaction when there is one, else in its own. The directory is asked outside any transaction
 * ({@link DepartmentSurveys}).
 */
@ApplicationScoped
public class JourneyService {

    private final JourneyRepository journeys;
    private final ProcessedEvents processed;
    private final JourneyTransitions transitions;
    private final DepartmentSurveySettings directory;
    private final SurveyTransfers vonage;
    private final SurveyConfig config;
    private final SurveyMetrics metrics;

    public JourneyService(JourneyRepository journeys, ProcessedEvents processed, JourneyTransitions transitions,
            DepartmentSurveySettings directory, SurveyTransfers vonage, SurveyConfig config, SurveyMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.journeys = journeys;
        this.processed = processed;
        this.transitions = transitions;
        this.directory = directory;
        this.vonage = vonage;
    }

    public void onCallEvent(CallEvent event) {
        require(event.eventId(), "eventId");
        require(event.callId(), "callId");
        if (event.kind() == EventKind.SURVEY_INPUT) {
            QuarkusTransaction.joiningExisting().run(() -> onSurveyInput(event));
            return;
        }
        // a supervisor's monitor leg (role MONITOR) ending is nobody leaving the call
        boolean callerLeft = event.role() != Role.AGENT && event.role() != Role.MONITOR && event.status() != null
                && event.status().isFinal();
        if (!callerLeft) {
            QuarkusTransaction.joiningExisting().run(() -> recordFacts(event));
            return;
        }
        Instant at = event.occurredAt();
        decide(surveys -> {
            recordFacts(event);
            if (processed.firstTime(Topics.CALL_EVENTS, event.eventId())) {
                Instant now = Instant.now();
                transitions.callerLegEnded(journeys.lock(event.callId()).orElseThrow(), event.legId(),
                        event.talked(), event.status().vonageWord(), at != null ? at : now, surveys, now);
            }
        });
    }

    /**
     * Keeps an event's facts (the caller's number and region, the caller leg's status until its final one) in one
     * idempotent statement: most of a call's events, and the agent legs' (routing names the caller's region in their
     * event_url), change nothing else. Whether the agent answered and ended comes from routing's assignments.
     */
    private void recordFacts(CallEvent event) {
        String region = vonage.checkedRegion(event.callId(), event.regionUrl());
        if (event.role() == Role.AGENT || event.role() == Role.MONITOR) {
            journeys.recordFacts(event.callId(), null, region, null, Instant.now());
        } else {
            // a callback leg (legId ≠ callId) is called from the contact center's number: not the caller's
            boolean ownLeg = event.legId() == null || event.legId().equals(event.callId());
            String from = !ownLeg || event.from() == null || event.from().isBlank() ? null : event.from();
            CallStatus status = event.status();
            journeys.recordFacts(event.callId(), from, region, status == null ? null : status.vonageWord(),
                    Instant.now());
        }
    }

    public void onAssignment(Assignment assignment) {
        require(assignment.eventId(), "eventId");
        require(assignment.callId(), "callId");
        decide(surveys -> {
            if (processed.firstTime(Topics.CALL_ASSIGNMENTS, assignment.eventId())) {
                transitions.routingStep(journeys.lockOrCreate(assignment.callId()), assignment, surveys, Instant.now());
            }
        });
    }

    private void onSurveyInput(CallEvent event) {
        if (!processed.firstTime(Topics.CALL_EVENTS, event.eventId())) {
            return;
        }
        // a callback's survey runs on the callback leg, whose uuid is all the gateway can name the input by
        Optional<Journey> journey = journeys.lock(event.callId()).or(() -> journeys.lockByCallerLeg(event.callId()));
        if (journey.isEmpty()) {
            Log.warnf("survey input %s for unknown call %s; ignored", event.eventId(), event.callId());
            return;
        }
        Instant now = Instant.now();
        SurveyDialogue.Step step = SurveyDialogue.stepOf(event);
        if (!transitions.surveyInput(journey.get(), step.outcome(), SurveyDialogue.score(event.digits()),
                event.occurredAt() != null ? event.occurredAt() : now, now)) {
            Log.warnf("survey input %s for call %s whose survey is %s; ignored", event.eventId(), event.callId(),
                    journey.get().surveyState);
            if (journey.get().surveyState == SurveyState.DONE) {
                metrics.lateInput(journey.get().departmentId);
            }
        }
    }

    /**
     * Applies {@code transaction}; when its decision needs a department's survey setting that is not cached, the
     * transaction rolls back, the directory is asked outside it, and the record is applied again with the answer.
     * In a consumer's batch (a transaction already open) the batch rolls back instead and its records are applied one
     * at a time, each outside any transaction, so the directory is never asked while rows are locked.
     */
    private void decide(Consumer<DepartmentSurveys> transaction) {
        boolean inBatch = QuarkusTransaction.isActive();
        DepartmentSurveys surveys = new DepartmentSurveys(directory::cachedSurveyEnabled, Map.of());
        while (true) {
            DepartmentSurveys known = surveys;
            try {
                QuarkusTransaction.joiningExisting().run(() -> transaction.accept(known));
                return;
            } catch (DepartmentSurveys.Unknown unknown) {
                if (inBatch) {
                    throw unknown;
                }
                String department = unknown.departmentId();
                surveys = surveys.with(department, directory.surveyEnabled(department));
            }
        }
    }

    /** Settles offered surveys whose caller hung up more than the grace period ago without answering. */
    public int settleHungUp(Instant now) {
        return sweep(journeys.offeredAndCallerGoneBefore(now.minus(config.hangupGrace()), 100),
                transitions::hangUpGraceOver, now);
    }

    /** Ends offered surveys that got no outcome within {@code survey.offer-timeout} (lost webhooks) as NO_INPUT. */
    public int settleStaleOffers(Instant now) {
        return sweep(journeys.offeredBefore(now.minus(config.offerTimeout()), 100), transitions::offerTimedOut, now);
    }

    /**
     * Settles journeys whose caller left before {@code seenBefore} while waiting for routing's last record
     * ({@link JourneyTransitions#routingSilent}).
     */
    public void settleRoutingSilent(Instant seenBefore) {
        for (String callId : journeys.waitingForRoutingSince(seenBefore, 100)) {
            decide(surveys -> journeys.lock(callId)
                    .ifPresent(journey -> transitions.routingSilent(journey, surveys, Instant.now())));
        }
    }

    private int sweep(List<String> callIds, BiPredicate<Journey, Instant> transition, Instant now) {
        int settled = 0;
        for (String callId : callIds) {
            if (QuarkusTransaction.requiringNew().call(
                    () -> journeys.lock(callId).map(journey -> transition.test(journey, now)).orElse(false))) {
                settled++;
            }
        }
        return settled;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("record without " + field);
        }
    }
}
