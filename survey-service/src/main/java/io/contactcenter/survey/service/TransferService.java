package io.contactcenter.survey.service;

import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.domain.PendingTransfer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Makes the pending transfers of callers' legs (to the survey, or to the closing message when there will be none):
 * leases the due ones, calls Vonage outside any transaction, then records the result ({@link TransferSteps}).
 * 429/5xx/timeouts are retried with exponential backoff until {@code survey.transfer.give-up-after}; 404 means the
 * caller's leg is gone (CALLER_HUNG_UP for a survey).
 */
@ApplicationScoped
public class TransferService {

    private final TransferSteps steps;
    private final SurveyTransfers vonage;

    public TransferService(TransferSteps steps, SurveyTransfers vonage) {
        this.steps = steps;
        this.vonage = vonage;
    }

    /** One poll: attempts every due transfer; returns how many were attempted. */
    public int runDue() {
        List<String> due = steps.lease();
        for (String callId : due) {
            attempt(callId);
        }
        return due.size();
    }

    private void attempt(String callId) {
        TransferSteps.Prepared prepared;
        try {
            prepared = steps.prepare(callId);
        } catch (RuntimeException e) {
            Log.errorf(e, "call %s: cannot prepare the transfer", callId);
            return;
        }
        if (prepared == null) {
            return;
        }
        SurveyTransfers.Result result = prepared.purpose() == PendingTransfer.Purpose.CLOSING
                ? vonage.close(callId, prepared.regionUrl())
                : vonage.transfer(callId, prepared.regionUrl());
        steps.complete(callId, result);
    }
}
