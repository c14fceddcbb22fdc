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

    /** The call's region ("" when unknown), or null when the transfer is no longer wanted. */
    @Transactional
    public String prepare(String callId) {
        Journey journey = journeys.lock(callId).orElse(null);
        if (journey == null || journey.surveyState != SurveyState.PENDING_TRANSFER) {
            transfers.deleteById(callId);
            return null;
        }
        if (journey.callerGone()) {
            transfers.deleteById(callId);
            journeyService.record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, Instant.now());
            return null;
        }
        return journey.regionUrl == null ? "" : journey.regionUrl;
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
                if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
                    journey.surveyState = SurveyState.OFFERED;
                    journey.offeredAt = now;
                    journey.updatedAt = now;
                }
                metrics.offered(journey.departmentId);
                Log.infof("call %s: survey offered (transfer attempt %d)", callId, transfer.attempts);
            }
            case LEG_GONE -> {
                transfers.delete(transfer);
                if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
                    journeyService.record(journey, SurveyStatus.CALLER_HUNG_UP, null, null, now);
                }
            }
            case RETRY -> {
                transfer.lastError = truncate(result.detail());
                Instant next = now.plus(backoff(transfer.attempts));
                if (next.isAfter(transfer.giveUpAt)) {
                    transfers.delete(transfer);
                    fail(journey, "transfer retries exhausted after " + transfer.attempts + " attempts: " + result.detail(), now);
                } else {
                    transfer.nextAttemptAt = next;
                    transfer.leaseUntil = null;
                    Log.warnf("call %s: survey transfer attempt %d failed (%s); retrying at %s", callId,
                            transfer.attempts, result.detail(), next);
                }
            }
            case MAYBE_GONE -> {
                if (transfer.attempts == 1) {
                    // the caller may have hung up just now: give the hang-up event the grace period to arrive
                    // (it settles the journey as CALLER_HUNG_UP), then ask once more
                    transfer.lastError = truncate(result.detail());
                    transfer.nextAttemptAt = now.plus(hangupGrace);
                    transfer.leaseUntil = null;
                } else {
                    transfers.delete(transfer);
                    fail(journey, "transfer refused: " + result.detail(), now);
                }
            }
            case REFUSED -> {
                transfers.delete(transfer);
                fail(journey, "transfer refused: " + result.detail(), now);
            }
        }
    }

    private void fail(Journey journey, String why, Instant now) {
        if (journey.surveyState == SurveyState.PENDING_TRANSFER) {
            journey.surveyState = SurveyState.FAILED;
            journey.surveyNote = truncate(why);
            journey.updatedAt = now;
        }
        Log.errorf("call %s: no survey, %s", journey.callId, why);
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
