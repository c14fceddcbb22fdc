package io.contactcenter.survey.service;

import io.contactcenter.events.SurveyStatus;
import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.JourneyRepository;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.PendingTransferRepository;
import io.contactcenter.survey.domain.SurveyState;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The transactional steps of a survey transfer (see {@link TransferService}). */
@ApplicationScoped
public class TransferSteps {

    private final PendingTransferRepository transfers;
    private final JourneyRepository journeys;
    private final JourneyService journeyService;
    private final SurveyMetrics metrics;
    private final SurveyConfig.Transfer config;
    private final Duration hangupGrace;

    public TransferSteps(PendingTransferRepository transfers, JourneyRepository journeys,
            JourneyService journeyService, SurveyMetrics metrics, SurveyConfig config) {
        this.transfers = transfers;
        this.journeys = journeys;
        this.journeyService = journeyService;
        this.metrics = metrics;
        this.config = config.transfer();
        this.hangupGrace = config.hangupGrace();
    }

    @Transactional
    public List<String> lease() {
        return transfers.leaseDue(Instant.now(), config.lease(), config.batchSize());
    }

    /** A transfer to make now: the call's region (null when unknown) and where the caller goes. */
    public record Prepared(String regionUrl, PendingTransfer.Purpose purpose) {
    }

    /** The transfer to make, or null when it is no longer wanted. */
    @Transactional
    public Prepared prepare(String callId) {
        Journey journey = journeys.lock(callId).orElse(null);
        PendingTransfer transfer = transfers.findById(callId);
        if (journey == null || transfer == null || !wanted(journey, transfer)) {
            transfers.deleteById(callId);
            return null;
        }
        if (journey.callerGone()) {
            transfers.deleteById(callId);
            callerGone(journey, transfer, Instant.now());
            return null;
        }
        return new Prepared(journey.regionUrl, transfer.purpose);
    }

    private static boolean wanted(Journey journey, PendingTransfer transfer) {
        return transfer.purpose == PendingTransfer.Purpose.CLOSING
                ? journey.surveyState == SurveyState.SKIPPED || journey.surveyState == SurveyState.FAILED
                : journey.surveyState == SurveyState.PENDING_TRANSFER;
    }

    @Transactional
    public void complete(String callId, SurveyTransfers.Result result) {
        Instant now = Instant.now();
        Journey journey = journeys.lock(callId).orElse(null);
        PendingTransfer transfer = transfers.findById(callId);
        if (journey == null || transfer == null) {
            return;
        }
        transfer.attempts++;
        switch (result.outcome()) {
            case DONE -> {
                transfers.delete(transfer);
                delivered(journey, transfer, now);
            }
            case LEG_GONE -> {
                transfers.delete(transfer);
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
                    Log.warnf("call %s: %s transfer attempt %d failed (%s); retrying at %s", callId,
                            transfer.purpose, transfer.attempts, result.detail(), next);
                }
            }
            case MAYBE_GONE -> {
                if (transfer.attempts == 1) {
                    // the caller may have hung up just now: give the hang-up event the grace period to arrive
                    // (it settles the journey as CALLER_HUNG_UP), then ask once more
                    transfer.lastError = truncate(result.detail());
                    retryAt(transfer, now.plus(hangupGrace));
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
            journey.surveyState = SurveyState.OFFERED;
            journey.offeredAt = now;
            journey.updatedAt = now;
        }
        metrics.offered(journey.departmentId);
        Log.infof("call %s: survey offered (transfer attempt %d)", journey.callId, transfer.attempts);
    }

    private void callerGone(Journey journey, PendingTransfer transfer, Instant now) {
        if (transfer.purpose == PendingTransfer.Purpose.SURVEY && journey.surveyState == SurveyState.PENDING_TRANSFER) {
            journeyService.record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
        }
    }

    /**
     * A transfer that will not be made. A given-up survey becomes FAILED and its row the caller's closing transfer
     * (a fresh retry window), so the caller is not left alone in the conversation; a given-up closing is logged.
     */
    private void giveUp(Journey journey, PendingTransfer transfer, String why, Instant now) {
        if (transfer.purpose == PendingTransfer.Purpose.CLOSING) {
            transfers.delete(transfer);
            Log.errorf("call %s: the closing transfer was given up (%s); the caller's leg ends when they hang up",
                    journey.callId, why);
            return;
        }
        if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
            journey.surveyState = SurveyState.FAILED;
            journey.surveyNote = truncate("transfer " + why);
            journey.updatedAt = now;
        }
        Log.errorf("call %s: no survey, transfer %s", journey.callId, why);
        transfer.purpose = PendingTransfer.Purpose.CLOSING;
        transfer.attempts = 0;
        transfer.giveUpAt = now.plus(config.giveUpAfter());
        retryAt(transfer, now);
    }

    private static void retryAt(PendingTransfer transfer, Instant next) {
        transfer.nextAttemptAt = next;
        transfer.leaseUntil = null;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = config.initialBackoff().multipliedBy(factor);
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 480 ? text : text.substring(0, 480);
    }
}
