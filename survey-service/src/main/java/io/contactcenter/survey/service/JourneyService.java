package io.contactcenter.survey.service;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.work.WorkWritten;
import io.contactcenter.survey.client.DirectoryClient;
import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.domain.AgentLeg;
import io.contactcenter.survey.domain.AgentLegRepository;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.JourneyRepository;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.PendingTransferRepository;
import io.contactcenter.survey.domain.ProcessedEvents;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyResponseRepository;
import io.contactcenter.survey.domain.SurveyState;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one journey per call from {@code call-events} and {@code call-assignments} and decides the survey:
 * every handler runs in one transaction with the call's journey row locked and the record's id stored, so
 * duplicates are no-ops and the two topics' consumers never race on one call. Events may arrive in any order;
 * the decision is re-evaluated from the stored state after each of them.
 */
@ApplicationScoped
@Transactional
public class JourneyService {

    private final JourneyRepository journeys;
    private final AgentLegRepository legs;
    private final PendingTransferRepository transfers;
    private final SurveyResponseRepository responses;
    private final ProcessedEvents processed;
    private final DirectoryClient directory;
    private final SurveyConfig config;
    private final Event<WorkWritten> written;
    private final SurveyTransfers vonage;

    public JourneyService(JourneyRepository journeys, AgentLegRepository legs, PendingTransferRepository transfers,
            SurveyResponseRepository responses, ProcessedEvents processed, DirectoryClient directory,
            SurveyConfig config, Event<WorkWritten> written, SurveyTransfers vonage) {
        this.written = written;
        this.vonage = vonage;
        this.journeys = journeys;
        this.legs = legs;
        this.transfers = transfers;
        this.responses = responses;
        this.processed = processed;
        this.directory = directory;
        this.config = config;
    }

    public void onCallEvent(CallEvent event) {
        require(event.eventId(), "eventId");
        require(event.callId(), "callId");
        if (!decisive(event)) {
            recordFacts(event);
            return;
        }
        if (!processed.firstTime(Topics.CALL_EVENTS, event.eventId())) {
            Log.debugf("call event %s already applied", event.eventId());
            return;
        }
        if (event.kind() == EventKind.SURVEY_INPUT) {
            onSurveyInput(event);
            return;
        }
        Journey journey = journeys.lockOrCreate(event.callId());
        Instant now = Instant.now();
        // the caller's region: from the caller's answer and menu events, and from the agent leg's events (routing
        // names it in their event_url), so the survey transfer finds the call whichever of them arrived; the first
        // allow-listed one is kept: a later one never replaces it
        if (journey.regionUrl == null) {
            journey.regionUrl = vonage.checkedRegion(event.callId(), event.regionUrl());
        }
        if (event.role() == Role.AGENT) {
            if (event.legId() == null || event.legId().equals(event.callId())) {
                Log.warnf("agent event %s of call %s without its own leg id; ignored", event.eventId(), event.callId());
                return;
            }
            AgentLeg leg = legs.findOrCreate(event.legId(), event.callId());
            if (event.agentId() != null) {
                leg.agentId = event.agentId();
            }
            CallStatus status = event.status();
            if (status != null) {
                leg.lastStatus = status.vonageWord();
                if (status == CallStatus.ANSWERED && leg.answeredAt == null) {
                    leg.answeredAt = occurred(event, now);
                } else if (status == CallStatus.COMPLETED && leg.completedAt == null) {
                    leg.completedAt = occurred(event, now);
                }
            }
        } else {
            // the caller's leg (role CALLER, or no role: the call id is the caller leg)
            if (journey.callerNumber == null && event.from() != null && !event.from().isBlank()) {
                journey.callerNumber = event.from();
            }
            CallStatus status = event.status();
            if (status != null && journey.callerFinalSeenAt == null) {
                journey.callerStatus = status.vonageWord();
                if (status.isFinal()) {
                    journey.callerFinalAt = occurred(event, now);
                    journey.callerFinalSeenAt = now;
                }
            }
        }
        journey.updatedAt = now;
        evaluate(journey, now);
    }

    /**
     * Whether the event can change the survey decision: a survey input, a caller leg's final status, or an agent
     * leg's answer or end. Most of a call's events (the caller's {@code started}, {@code ringing}, {@code answered},
     * the menu input, the agent leg's {@code started} and {@code ringing}) only bring facts kept for later.
     */
    private static boolean decisive(CallEvent event) {
        CallStatus status = event.status();
        if (event.kind() == EventKind.SURVEY_INPUT) {
            return true;
        }
        if (event.role() == Role.AGENT) {
            boolean ownLeg = event.legId() != null && !event.legId().equals(event.callId());
            return !ownLeg || status == CallStatus.ANSWERED || status != null && status.isFinal(); // !ownLeg: warned
        }
        return status != null && status.isFinal();
    }

    /** Keeps a non-decisive event's facts: one or two idempotent statements, no lock, no stored event id. */
    private void recordFacts(CallEvent event) {
        Instant now = Instant.now();
        String region = vonage.checkedRegion(event.callId(), event.regionUrl());
        String status = event.status() == null ? null : event.status().vonageWord();
        if (event.role() == Role.AGENT) {
            journeys.recordFacts(event.callId(), null, region, null, now);
            legs.recordLegFacts(event.legId(), event.callId(), event.agentId(), status, now);
        } else {
            String from = event.from() == null || event.from().isBlank() ? null : event.from();
            journeys.recordFacts(event.callId(), from, region, status, now);
        }
    }

    public void onAssignment(Assignment assignment) {
        require(assignment.eventId(), "eventId");
        require(assignment.callId(), "callId");
        if (!processed.firstTime(Topics.CALL_ASSIGNMENTS, assignment.eventId())) {
            Log.debugf("assignment %s already applied", assignment.eventId());
            return;
        }
        Journey journey = journeys.lockOrCreate(assignment.callId());
        Instant now = Instant.now();
        if (assignment.department() != null) {
            journey.departmentId = assignment.department();
        }
        if (assignment.outcome() == AssignmentOutcome.ANSWERED) {
            journey.agentConfirmedAt = now;
            if (assignment.agentId() != null) {
                journey.agentId = assignment.agentId();
            }
            if (assignment.agentLegId() == null) {
                Log.warnf("ANSWERED assignment %s of call %s without agentLegId", assignment.eventId(), assignment.callId());
            } else {
                AgentLeg leg = legs.findOrCreate(assignment.agentLegId(), assignment.callId());
                if (assignment.agentId() != null) {
                    leg.agentId = assignment.agentId();
                }
                if (leg.answeredAt == null) {
                    leg.answeredAt = assignment.at() != null ? assignment.at() : now;
                }
            }
        }
        journey.updatedAt = now;
        evaluate(journey, now);
    }

    /** The decision, from the stored state only (so the order the facts arrived in does not matter). */
    private void evaluate(Journey journey, Instant now) {
        Optional<AgentLeg> answered = legs.answeredLeg(journey.callId);
        answered.filter(leg -> leg.agentId != null).ifPresent(leg -> journey.agentId = leg.agentId);
        switch (journey.surveyState) {
            case NONE -> {
                if (answered.isEmpty() || journey.agentConfirmedAt == null) {
                    // no agent took the call (yet). Routing's ANSWERED decides: an agent leg answered after the
                    // caller left (or whose answer routing saw after the caller's hang-up) is hung up, nobody talked
                    return;
                }
                if (journey.callerGone()) {
                    // the caller hung up before the agent ended (or before we could transfer): nothing to offer
                    if (surveyEnabled(journey)) {
                        record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                    } else {
                        skip(journey, "survey off for the department");
                    }
                    return;
                }
                if (answered.get().completedAt == null) {
                    return; // the conversation is still going on
                }
                if (!surveyEnabled(journey)) {
                    skip(journey, "survey off for the department");
                    // the caller is still in the conversation the agent left: end the call for them
                    scheduleTransfer(journey.callId, PendingTransfer.Purpose.CLOSING, now);
                    return;
                }
                journey.surveyState = SurveyState.PENDING_TRANSFER;
                scheduleTransfer(journey.callId, PendingTransfer.Purpose.SURVEY, now);
                Log.infof("call %s: agent ended, survey transfer scheduled", journey.callId);
            }
            case PENDING_TRANSFER -> {
                if (journey.callerGone()) {
                    transfers.deleteById(journey.callId);
                    record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                }
            }
            default -> {
                // OFFERED: a caller hang-up is settled by the hang-up sweep after the grace period
            }
        }
    }

    private void onSurveyInput(CallEvent event) {
        Optional<Journey> found = journeys.lock(event.callId());
        if (found.isEmpty()) {
            Log.warnf("survey input %s for unknown call %s; ignored", event.eventId(), event.callId());
            return;
        }
        Journey journey = found.get();
        if (journey.surveyState != SurveyState.OFFERED && journey.surveyState != SurveyState.PENDING_TRANSFER) {
            Log.warnf("survey input %s for call %s whose survey is %s; ignored", event.eventId(), event.callId(),
                    journey.surveyState);
            return;
        }
        Instant now = Instant.now();
        if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
            // the transfer went through but its success was not recorded (e.g. a restart in between)
            transfers.deleteById(journey.callId);
            journey.surveyState = SurveyState.OFFERED;
            journey.offeredAt = now;
        }
        journey.updatedAt = now;
        String outcome = outcomeOf(event);
        switch (outcome) {
            case "ANSWERED" -> {
                Integer score = scoreOf(event.digits());
                if (score == null) {
                    Log.warnf("survey input %s of call %s says ANSWERED with digits '%s'; recorded as INVALID",
                            event.eventId(), event.callId(), event.digits());
                    record(journey, SurveyStatus.INVALID, null, occurred(event, now), now);
                } else {
                    record(journey, SurveyStatus.ANSWERED, score, occurred(event, now), now);
                }
            }
            case "INVALID" -> record(journey, SurveyStatus.INVALID, null, occurred(event, now), now);
            case "NO_INPUT" -> record(journey, SurveyStatus.NO_INPUT, null, null, now);
            default -> Log.debugf("survey input of call %s: %s, waiting for the next one", event.callId(), outcome);
        }
    }

    /** Settles offered surveys whose caller hung up more than the grace period ago without answering. */
    public int settleHungUp(Instant now) {
        int settled = 0;
        for (String callId : journeys.offeredAndCallerGoneBefore(now.minus(config.hangupGrace()), 100)) {
            Journey journey = journeys.lock(callId).orElseThrow();
            if (journey.surveyState == SurveyState.OFFERED) {
                record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                settled++;
            }
        }
        return settled;
    }

    /**
     * Ends offered surveys that got no outcome within {@code survey.offer-timeout}: neither an input nor the caller's
     * hang-up reached us (lost webhooks), so nothing else would ever end them. Recorded as NO_INPUT (nothing was
     * pressed, as far as anyone can tell), once: {@link #record} keeps the first outcome.
     */
    public int settleStaleOffers(Instant now) {
        int settled = 0;
        Instant cutoff = now.minus(config.offerTimeout());
        for (String callId : journeys.offeredBefore(cutoff, 100)) {
            Journey journey = journeys.lock(callId).orElseThrow();
            if (journey.surveyState == SurveyState.OFFERED && journey.offeredAt != null
                    && journey.offeredAt.isBefore(cutoff)) {
                Log.warnf("call %s: survey offered at %s got no input and no hang-up; ended as NO_INPUT", callId,
                        journey.offeredAt);
                record(journey, SurveyStatus.NO_INPUT, null, null, now);
                settled++;
            }
        }
        return settled;
    }

    /** The gateway's verdict ({@code detail.outcome}), or one derived from the digits when it is missing. */
    private static String outcomeOf(CallEvent event) {
        Map<String, String> detail = event.detail();
        String outcome = detail == null ? null : detail.get("outcome");
        if (outcome != null && !outcome.isBlank()) {
            return outcome.trim().toUpperCase(java.util.Locale.ROOT);
        }
        return scoreOf(event.digits()) != null ? "ANSWERED" : "RETRY";
    }

    private static Integer scoreOf(String digits) {
        if (digits == null || digits.length() != 1 || digits.charAt(0) < '1' || digits.charAt(0) > '5') {
            return null;
        }
        return digits.charAt(0) - '0';
    }

    private void scheduleTransfer(String callId, PendingTransfer.Purpose purpose, Instant now) {
        PendingTransfer transfer = new PendingTransfer();
        transfer.callId = callId;
        transfer.purpose = purpose;
        transfer.attempts = 0;
        transfer.nextAttemptAt = now;
        transfer.giveUpAt = now.plus(config.transfer().giveUpAfter());
        transfer.createdAt = now;
        transfers.persist(transfer);
        written.fire(new WorkWritten(PendingTransferRepository.LOOP)); // transferred right after the commit
    }

    private boolean surveyEnabled(Journey journey) {
        return directory.surveyEnabled(journey.departmentId);
    }

    private void skip(Journey journey, String why) {
        journey.surveyState = SurveyState.SKIPPED;
        journey.surveyNote = why;
        Log.infof("call %s: no survey (%s)", journey.callId, why);
    }

    /** Records the call's one outcome; the publisher puts it on {@code survey-results}. */
    public void record(Journey journey, SurveyStatus status, Integer score, Instant answeredAt, Instant now) {
        journey.surveyState = SurveyState.DONE;
        journey.surveyNote = status.name();
        journey.updatedAt = now;
        if (responses.findById(journey.callId) != null) {
            return;
        }
        SurveyResponse response = new SurveyResponse();
        response.callId = journey.callId;
        response.eventId = "survey-result-" + journey.callId;
        response.departmentId = journey.departmentId;
        response.agentId = journey.agentId;
        response.status = status;
        response.score = score == null ? null : score.shortValue();
        response.callerNumber = PhoneNumbers.mask(journey.callerNumber);
        response.offeredAt = journey.offeredAt;
        response.answeredAt = status == SurveyStatus.ANSWERED ? answeredAt : null;
        response.recordedAt = now;
        response.surveyAt = journey.offeredAt != null ? journey.offeredAt : now;
        responses.persist(response);
        written.fire(new WorkWritten(SurveyResponseRepository.LOOP)); // published right after the commit
        Log.infof("call %s: survey %s%s", journey.callId, status, score == null ? "" : " score " + score);
    }

    private static Instant occurred(CallEvent event, Instant fallback) {
        return event.occurredAt() != null ? event.occurredAt() : fallback;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("record without " + field);
        }
    }
}
