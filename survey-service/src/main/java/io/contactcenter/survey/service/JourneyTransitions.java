package io.contactcenter.survey.service;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyState;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Every transition of a call's survey journey: one public method per rule of the survey rules
 * (survey-service/README.md). Only this class writes a journey's survey state, its pending transfer and its outcome.
 *
 * <p>Each method runs in the caller's transaction on a journey whose row the caller locked, and does no I/O but the
 * database (through {@link Effects}): the adapters ({@link JourneyService} for the consumed records and the periodic
 * sweeps, {@link TransferService} for the Vonage transfers) ask the directory and Vonage outside any transaction and
 * then fire the transition the answer calls for. Whether a department wants surveys comes as {@link DepartmentSurveys}.
 */
@ApplicationScoped
public class JourneyTransitions {

    /** What a transition writes beyond the journey and transfer rows it is handed. */
    public interface Effects {

        /** Stores a new pending transfer, made right after the commit. */
        void schedule(PendingTransfer transfer);

        /** The pending transfer is due again at once: made right after the commit. */
        void dueNow(PendingTransfer transfer);

        /** Removes the call's pending transfer, if any. */
        void cancelTransfer(String callId);

        /** Stores the call's outcome, published right after the commit; false when the call already has one. */
        boolean record(SurveyResponse response);
    }

    /** The transfers' retry timing and the grace a late survey input gets after the caller's hang-up. */
    public record Timing(Duration hangupGrace, Duration offerTimeout, Duration giveUpAfter, Duration initialBackoff,
            Duration maxBackoff) {

        static Timing of(SurveyConfig config) {
            return new Timing(config.hangupGrace(), config.offerTimeout(), config.transfer().giveUpAfter(),
                    config.transfer().initialBackoff(), config.transfer().maxBackoff());
        }
    }

    private final Effects effects;
    private final SurveyMetrics metrics;
    private final Timing timing;

    @Inject
    public JourneyTransitions(JourneyEffects effects, SurveyMetrics metrics, SurveyConfig config) {
        this(effects, metrics, Timing.of(config));
    }

    JourneyTransitions(Effects effects, SurveyMetrics metrics, Timing timing) {
        this.effects = effects;
        this.metrics = metrics;
        this.timing = timing;
    }

    // ---- rules 1, 2 and 5: the journey's facts and the trigger -------------------------------------------------

    /**
     * A caller-side leg of the call reached a final status at {@code at}: the caller leaving ({@link #callerLeft}) when
     * it is the leg the caller is on. The call id's own leg ending after routing named a callback leg is not (the
     * caller asked to be called back and hung up); a callback leg's end without talk time is not either (an
     * unanswered callback attempt), while one with talk time is the callback leg the caller talked on, whichever of
     * its end and routing's records naming it comes first.
     */
    public void callerLegEnded(Journey journey, String legId, boolean talked, String status, Instant at,
            DepartmentSurveys surveys, Instant now) {
        boolean ownLeg = legId == null || legId.equals(journey.callId);
        if (ownLeg ? journey.callerLegId != null : !talked) {
            Log.debugf("call %s: leg %s ended (%s), not the caller's current leg", journey.callId, legId, status);
            return;
        }
        if (!ownLeg) {
            followCallerLeg(journey, legId, now);
        }
        callerLeft(journey, status, at, surveys, now);
    }

    /**
     * The caller is on a callback leg from now on (routing's records name it, or its end with talk time does): the
     * survey transfers that leg. A final status stored before is the call id's own leg's (the caller asked for the
     * callback and hung up; routing keeps such a call), so it no longer counts as the caller leaving.
     */
    private static void followCallerLeg(Journey journey, String legId, Instant now) {
        if (journey.callerLegId != null) {
            return;
        }
        journey.callerLegId = legId;
        journey.callerFinalAt = null;
        journey.callerFinalSeenAt = null;
        journey.updatedAt = now;
        Log.infof("call %s: the caller is on callback leg %s", journey.callId, legId);
    }

    /**
     * The caller's leg reached a final status at {@code at} (rule 5): before the agent ended, {@code CALLER_HUNG_UP}
     * without a transfer once routing's last record came ({@link #decide}); with a transfer pending, the transfer is
     * dropped and {@code CALLER_HUNG_UP}; while the survey is offered, nothing yet ({@link #hangUpGraceOver} settles
     * it). Only the first final status counts.
     */
    public void callerLeft(Journey journey, String status, Instant at, DepartmentSurveys surveys, Instant now) {
        if (!journey.callerGone()) {
            journey.callerStatus = status;
            journey.callerFinalAt = at;
            journey.callerFinalSeenAt = now;
            journey.updatedAt = now;
        }
        decide(journey, surveys, now);
    }

    /**
     * Routing's assignment record (rule 2): {@code ANSWERED} says an agent joined a caller still on the line,
     * {@code COMPLETED} that the call with the last agent ended (it implies the answer, and names every agent who had
     * the call); a transferred agent's part ending ({@code TRANSFERRED}) is not the end. Every record names the
     * department; the records that end the call for routing are kept ({@code routingEndedAt}).
     */
    public void routingStep(Journey journey, Assignment assignment, DepartmentSurveys surveys, Instant now) {
        if (assignment.department() != null) {
            journey.departmentId = assignment.department();
        }
        String callerLeg = assignment.detail(Assignment.Detail.CALLER_LEG_ID);
        if (callerLeg != null) {
            followCallerLeg(journey, callerLeg, now);
        }
        switch (assignment.outcome() == null ? AssignmentOutcome.RINGING : assignment.outcome()) {
            case ANSWERED -> agentJoined(journey, assignment, now);
            case COMPLETED -> {
                agentJoined(journey, assignment, now);
                journey.agentIds = String.join(",", assignment.agentIds());
                if (journey.agentEndedAt == null) {
                    journey.agentEndedAt = assignment.at() != null ? assignment.at() : now;
                }
            }
            case TRANSFERRED_EXTERNAL -> handedOutside(journey, assignment, now);
            default -> {
                // RINGING, NO_ANSWER, FAILED, NO_AGENT, ABANDONED: nobody talked (yet); no survey follows from them
            }
        }
        if (endsTheCall(assignment.outcome()) && journey.routingEndedAt == null) {
            journey.routingEndedAt = now;
        }
        journey.updatedAt = now;
        decide(journey, surveys, now);
    }

    /**
     * The call was handed to an outside number ({@code TRANSFERRED_EXTERNAL}, rule 2): the caller talks to the outside
     * party on the same leg, so they are not moved away from them and no survey follows (the last of our agents left,
     * but the call goes on with someone we do not survey); no result is published. Settled unless already decided.
     */
    private static void handedOutside(Journey journey, Assignment assignment, Instant now) {
        if (journey.surveyState != SurveyState.NONE) {
            return;
        }
        agentJoined(journey, assignment, now);
        journey.agentIds = String.join(",", assignment.agentIds());
        journey.surveyState = SurveyState.SKIPPED;
        journey.surveyNote = "handed to an outside number";
        Log.infof("call %s: handed to an outside number, no survey", journey.callId);
    }

    /** Routing's records after which routing says nothing more about the call. */
    private static boolean endsTheCall(AssignmentOutcome outcome) {
        return outcome == AssignmentOutcome.COMPLETED || outcome == AssignmentOutcome.ABANDONED
                || outcome == AssignmentOutcome.TRANSFERRED_EXTERNAL || outcome == AssignmentOutcome.NO_AGENT;
    }

    /**
     * A caller who left while talking to an agent, and routing's last record for the call has not come within the
     * bound (the reconciler, {@code SURVEY_RECONCILER_OFFERED_AFTER} after the hang-up): settled as if it had come
     * with {@code COMPLETED} (a lost handing to an outside number is the only other case, and nothing says so).
     * False when the journey no longer waits for it.
     */
    public boolean routingSilent(Journey journey, DepartmentSurveys surveys, Instant now) {
        if (!waitsForRouting(journey)) {
            return false;
        }
        Log.warnf("call %s: the caller left at %s and routing's last record never came; settled without it",
                journey.callId, journey.callerFinalSeenAt);
        journey.routingEndedAt = now;
        journey.updatedAt = now;
        decide(journey, surveys, now);
        return true;
    }

    /**
     * The caller left after an agent took the call, before routing's record that ends the call was applied: only that
     * record tells whether the caller was handed to an outside number ({@code TRANSFERRED_EXTERNAL}: no survey, no
     * result) or left our agent ({@code COMPLETED}: {@code CALLER_HUNG_UP}). The two topics have no order between them,
     * and the hang-up after an outside conversation can be applied before the record that started it.
     */
    private static boolean waitsForRouting(Journey journey) {
        return journey.surveyState == SurveyState.NONE && journey.agentConfirmedAt != null && journey.callerGone()
                && journey.routingEndedAt == null;
    }

    private static void agentJoined(Journey journey, Assignment assignment, Instant now) {
        if (journey.agentConfirmedAt == null) {
            journey.agentConfirmedAt = now;
        }
        if (assignment.agentId() != null) {
            journey.agentId = assignment.agentId();
        }
    }

    /**
     * The trigger (rule 2), from the stored state only, so the order the facts arrived in does not matter: an agent
     * took the call and ended while the caller is on the line → the survey transfer (or, survey switched off, the
     * closing transfer); the caller left first → {@code CALLER_HUNG_UP} (nothing when switched off) once routing's
     * last record for the call came ({@link #waitsForRouting}). A given-up survey
     * whose caller, we learn late, had hung up before the give-up is {@code CALLER_HUNG_UP} too.
     */
    private void decide(Journey journey, DepartmentSurveys surveys, Instant now) {
        switch (journey.surveyState) {
            case NONE -> {
                if (journey.agentConfirmedAt == null) {
                    return; // no agent took the call (yet): an agent who answered after the caller left gets none
                }
                if (waitsForRouting(journey)) {
                    Log.debugf("call %s: the caller left; waiting for routing's last record", journey.callId);
                    return;
                }
                if (journey.callerGone()) {
                    if (surveys.enabled(journey.departmentId)) {
                        record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                    } else {
                        skip(journey, now);
                    }
                    return;
                }
                if (journey.agentEndedAt == null) {
                    return; // the conversation is still going on
                }
                if (!surveys.enabled(journey.departmentId)) {
                    skip(journey, now);
                    // the caller is still in the conversation the agent left: end the call for them
                    schedule(journey.callId, PendingTransfer.Purpose.CLOSING, now);
                    return;
                }
                journey.surveyState = SurveyState.PENDING_TRANSFER;
                journey.updatedAt = now;
                schedule(journey.callId, PendingTransfer.Purpose.SURVEY, now);
                Log.infof("call %s: agent ended, survey transfer scheduled", journey.callId);
            }
            case PENDING_TRANSFER -> {
                if (journey.callerGone()) {
                    effects.cancelTransfer(journey.callId);
                    record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                }
            }
            case FAILED -> {
                if (leftBeforeTheGiveUp(journey)) {
                    // the caller had hung up before we gave up (their status came late, e.g. from a partition that
                    // was being rebalanced): they left on their own, no closing is needed; settled as CALLER_HUNG_UP
                    // after the grace ({@link #hangUpGraceOver}), since a survey input may yet prove they answered
                    effects.cancelTransfer(journey.callId);
                }
            }
            default -> {
                // OFFERED: a caller's hang-up is settled after the grace period; settled journeys stay as they are
            }
        }
    }

    // ---- rule 3: the transfer ----------------------------------------------------------------------------------

    /**
     * A leased transfer is about to be made: true when it is still wanted (the survey still pending, or the closing of
     * a journey without survey). A transfer no longer wanted is dropped; a survey whose caller left meanwhile ends as
     * {@code CALLER_HUNG_UP}. {@code journey} and {@code transfer} are null when their rows are gone.
     */
    public boolean transferWanted(String callId, Journey journey, PendingTransfer transfer, Instant now) {
        if (journey == null || transfer == null || !stillWanted(journey, transfer)) {
            effects.cancelTransfer(callId);
            return false;
        }
        if (journey.callerGone()) {
            effects.cancelTransfer(callId);
            callerGone(journey, transfer, now);
            return false;
        }
        return true;
    }

    private static boolean stillWanted(Journey journey, PendingTransfer transfer) {
        return transfer.purpose == PendingTransfer.Purpose.CLOSING
                ? journey.surveyState == SurveyState.SKIPPED || journey.surveyState == SurveyState.FAILED
                : journey.surveyState == SurveyState.PENDING_TRANSFER;
    }

    /**
     * Vonage's answer to a transfer: 2xx → the survey is {@code OFFERED} (or the closing plays); 404 → the leg is gone,
     * {@code CALLER_HUNG_UP}; 429/5xx/timeout → again with exponential back-off until the give-up time; a first 400 →
     * once more after the hang-up grace; other refusals (and a second 400) → given up.
     */
    public void transferAnswered(Journey journey, PendingTransfer transfer, SurveyTransfers.Result result, Instant now) {
        transfer.attempts++;
        switch (result.outcome()) {
            case DONE -> {
                effects.cancelTransfer(journey.callId);
                delivered(journey, transfer, now);
            }
            case LEG_GONE -> {
                effects.cancelTransfer(journey.callId);
                callerGone(journey, transfer, now);
            }
            case RETRY -> {
                transfer.lastError = truncate(result.detail());
                Instant next = now.plus(backoff(transfer.attempts));
                if (next.isAfter(transfer.giveUpAt)) {
                    giveUp(journey, transfer, "retries exhausted after " + transfer.attempts + " attempts: "
                            + result.detail(), now);
                } else {
                    retryAt(transfer, next);
                    Log.warnf("call %s: %s transfer attempt %d failed (%s); retrying at %s", journey.callId,
                            transfer.purpose, transfer.attempts, result.detail(), next);
                }
            }
            case MAYBE_GONE -> {
                if (transfer.attempts == 1) {
                    // the caller may have hung up just now: give the hang-up event the grace period to arrive
                    // (it settles the journey as CALLER_HUNG_UP), then ask once more
                    transfer.lastError = truncate(result.detail());
                    retryAt(transfer, now.plus(timing.hangupGrace()));
                } else {
                    giveUp(journey, transfer, "refused: " + result.detail(), now);
                }
            }
            case REFUSED -> giveUp(journey, transfer, "refused: " + result.detail(), now);
        }
    }

    private void delivered(Journey journey, PendingTransfer transfer, Instant now) {
        if (transfer.purpose == PendingTransfer.Purpose.CLOSING) {
            Log.infof("call %s: the caller hears the closing message, then the call ends", journey.callId);
            return;
        }
        if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
            offered(journey, now);
        }
        metrics.offered(journey.departmentId);
        Log.infof("call %s: survey offered (transfer attempt %d)", journey.callId, transfer.attempts);
    }

    private void callerGone(Journey journey, PendingTransfer transfer, Instant now) {
        if (transfer.purpose == PendingTransfer.Purpose.SURVEY && journey.surveyState == SurveyState.PENDING_TRANSFER) {
            record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
        }
    }

    /**
     * A transfer that will not be made. A given-up survey becomes FAILED and its row the caller's closing transfer
     * (a fresh retry window), so the caller is not left alone in the conversation; a given-up closing is logged.
     */
    private void giveUp(Journey journey, PendingTransfer transfer, String why, Instant now) {
        if (transfer.purpose == PendingTransfer.Purpose.CLOSING) {
            effects.cancelTransfer(journey.callId);
            Log.errorf("call %s: the closing transfer was given up (%s); the caller's leg ends when they hang up",
                    journey.callId, why);
            return;
        }
        if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
            journey.surveyState = SurveyState.FAILED;
            journey.surveyGivenUpAt = now;
            journey.surveyNote = truncate("transfer " + why);
            journey.updatedAt = now;
        }
        Log.errorf("call %s: no survey, transfer %s", journey.callId, why);
        transfer.purpose = PendingTransfer.Purpose.CLOSING;
        transfer.attempts = 0;
        transfer.giveUpAt = now.plus(timing.giveUpAfter());
        retryAt(transfer, now);
        effects.dueNow(transfer);
    }

    private static void retryAt(PendingTransfer transfer, Instant next) {
        transfer.nextAttemptAt = next;
        transfer.leaseUntil = null;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = timing.initialBackoff().multipliedBy(factor);
        return delay.compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : delay;
    }

    // ---- rules 4 and 5: the caller's answer, or none ----------------------------------------------------------

    /**
     * The caller's survey input (rule 4), as the dialogue judged it: a score 1–5 → {@code ANSWERED}; {@code INVALID} /
     * {@code NO_INPUT} → that outcome; a re-prompt → nothing yet. False when the journey's survey is not offered (the
     * input is then ignored). An input while the transfer is still pending, or after it was given up, means the
     * transfer went through but its success was not recorded (a restart or a database outage in between, then Vonage
     * refused the retry): the survey counts as offered now and any closing is dropped.
     */
    public boolean surveyInput(Journey journey, SurveyStatus outcome, Integer score, Instant pressedAt, Instant now) {
        if (journey.surveyState == SurveyState.PENDING_TRANSFER || journey.surveyState == SurveyState.FAILED) {
            effects.cancelTransfer(journey.callId);
            offered(journey, now);
        } else if (journey.surveyState != SurveyState.OFFERED) {
            return false;
        }
        journey.updatedAt = now;
        if (outcome != null) {
            boolean answered = outcome == SurveyStatus.ANSWERED;
            record(journey, outcome, answered ? score : null, answered ? pressedAt : null, now);
        }
        return true;
    }

    /**
     * An offered survey, or a given-up one whose caller had left before the give-up, whose caller hung up more than
     * the grace period ago without answering: CALLER_HUNG_UP.
     */
    public boolean hangUpGraceOver(Journey journey, Instant now) {
        boolean waitingForInput = journey.surveyState == SurveyState.OFFERED
                || journey.surveyState == SurveyState.FAILED && leftBeforeTheGiveUp(journey);
        if (!waitingForInput || !journey.callerGone()
                || journey.callerFinalSeenAt.isAfter(now.minus(timing.hangupGrace()))) {
            return false;
        }
        record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
        return true;
    }

    /**
     * An offered survey that got no outcome within {@code survey.offer-timeout}: neither an input nor the caller's
     * hang-up reached us (lost webhooks), so nothing else would ever end it. Recorded as NO_INPUT (nothing was pressed,
     * as far as anyone can tell).
     */
    public boolean offerTimedOut(Journey journey, Instant now) {
        if (journey.surveyState != SurveyState.OFFERED || journey.offeredAt == null
                || !journey.offeredAt.isBefore(now.minus(timing.offerTimeout()))) {
            return false;
        }
        Log.warnf("call %s: survey offered at %s got no input and no hang-up; ended as NO_INPUT", journey.callId,
                journey.offeredAt);
        record(journey, SurveyStatus.NO_INPUT, null, null, now);
        return true;
    }

    // ---- the steps the rules share -----------------------------------------------------------------------------

    /** A given-up survey's caller whose leg ended (Vonage's time) before the give-up: they left on their own. */
    private static boolean leftBeforeTheGiveUp(Journey journey) {
        return journey.callerGone() && journey.surveyGivenUpAt != null && journey.callerFinalAt != null
                && journey.callerFinalAt.isBefore(journey.surveyGivenUpAt);
    }

    private static void offered(Journey journey, Instant now) {
        journey.surveyState = SurveyState.OFFERED;
        journey.offeredAt = now;
        journey.updatedAt = now;
    }

    private void schedule(String callId, PendingTransfer.Purpose purpose, Instant now) {
        PendingTransfer transfer = new PendingTransfer();
        transfer.callId = callId;
        transfer.purpose = purpose;
        transfer.attempts = 0;
        transfer.nextAttemptAt = now;
        transfer.giveUpAt = now.plus(timing.giveUpAfter());
        transfer.createdAt = now;
        effects.schedule(transfer);
    }

    private static void skip(Journey journey, Instant now) {
        journey.surveyState = SurveyState.SKIPPED;
        journey.surveyNote = "survey off for the department";
        journey.updatedAt = now;
        Log.infof("call %s: no survey (switched off for the department)", journey.callId);
    }

    /** The call's one outcome (rule 6): the first one recorded stays; the publisher puts it on survey-results. */
    private void record(Journey journey, SurveyStatus status, Integer score, Instant answeredAt, Instant now) {
        journey.surveyState = SurveyState.DONE;
        journey.surveyNote = status.name();
        journey.updatedAt = now;
        SurveyResponse response = new SurveyResponse();
        response.callId = journey.callId;
        response.eventId = "survey-result-" + journey.callId;
        response.departmentId = journey.departmentId;
        response.agentId = journey.agentId;
        response.agentIds = journey.agentIds != null && !journey.agentIds.isBlank() ? journey.agentIds.split(",")
                : journey.agentId != null ? new String[] { journey.agentId } : null;
        response.status = status;
        response.score = score == null ? null : score.shortValue();
        response.callerNumber = PhoneNumbers.mask(journey.callerNumber);
        response.offeredAt = journey.offeredAt;
        response.answeredAt = answeredAt;
        response.recordedAt = now;
        response.surveyAt = journey.offeredAt != null ? journey.offeredAt : now;
        if (effects.record(response)) {
            Log.infof("call %s: survey %s%s", journey.callId, status, score == null ? "" : " score " + score);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 480 ? text : text.substring(0, 480);
    }
}
