package io.contactcenter.survey.service;

import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.JourneyRepository;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.PendingTransferRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The adapter that makes the pending transfers of callers' legs (to the survey, or to the closing message when there
 * will be none): leases the due ones, asks {@link JourneyTransitions} whether each is still wanted, calls Vonage
 * outside any transaction, then fires the transition Vonage's answer calls for.
 */
@ApplicationScoped
public class TransferService {

    private final PendingTransferRepository transfers;
    private final JourneyRepository journeys;
    private final JourneyTransitions transitions;
    private final SurveyTransfers vonage;
    private final SurveyConfig.Transfer config;

    public TransferService(PendingTransferRepository transfers, JourneyRepository journeys,
            JourneyTransitions transitions, SurveyTransfers vonage, SurveyConfig config) {
        this.transfers = transfers;
        this.journeys = journeys;
        this.transitions = transitions;
        this.vonage = vonage;
        this.config = config.transfer();
    }

    /** One pass: attempts the due transfers, a batch at most; answers whether more may be due (the batch was full). */
    public boolean runDue() {
        List<String> due = QuarkusTransaction.requiringNew()
                .call(() -> transfers.leaseDue(Instant.now(), config.lease(), config.batchSize()));
        for (String callId : due) {
            attempt(callId);
        }
        return due.size() == config.batchSize();
    }

    /** A transfer to make now: the caller's current leg, the call's region (null when unknown), where it goes. */
    private record Prepared(String callerLegId, String regionUrl, PendingTransfer.Purpose purpose) {
    }

    private void attempt(String callId) {
        Prepared prepared;
        try {
            prepared = QuarkusTransaction.requiringNew().call(() -> {
                Journey journey = journeys.lock(callId).orElse(null);
                PendingTransfer transfer = transfers.findById(callId);
                return transitions.transferWanted(callId, journey, transfer, Instant.now())
                        ? new Prepared(journey.callerLeg(), journey.regionUrl, transfer.purpose) : null;
            });
        } catch (RuntimeException e) {
            Log.errorf(e, "call %s: cannot prepare the transfer", callId);
            return;
        }
        if (prepared == null) {
            return;
        }
        SurveyTransfers.Result result = prepared.purpose() == PendingTransfer.Purpose.CLOSING
                ? vonage.close(prepared.callerLegId(), prepared.regionUrl())
                : vonage.transfer(prepared.callerLegId(), prepared.regionUrl());
        QuarkusTransaction.requiringNew().run(() -> {
            Journey journey = journeys.lock(callId).orElse(null);
            PendingTransfer transfer = transfers.findById(callId);
            if (journey != null && transfer != null) {
                transitions.transferAnswered(journey, transfer, result, Instant.now());
            }
        });
    }
}
