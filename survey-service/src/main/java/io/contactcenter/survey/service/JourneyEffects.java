package io.contactcenter.survey.service;

import io.contactcenter.support.work.WorkWritten;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.PendingTransferRepository;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyResponseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** The journey transitions' writes in the database; the loops that act on them are woken after the commit. */
@ApplicationScoped
public class JourneyEffects implements JourneyTransitions.Effects {

    private final PendingTransferRepository transfers;
    private final SurveyResponseRepository responses;
    private final Event<WorkWritten> written;

    public JourneyEffects(PendingTransferRepository transfers, SurveyResponseRepository responses,
            Event<WorkWritten> written) {
        this.transfers = transfers;
        this.responses = responses;
        this.written = written;
    }

    @Override
    public void schedule(PendingTransfer transfer) {
        transfers.persist(transfer);
        written.fire(new WorkWritten(PendingTransferRepository.LOOP));
    }

    @Override
    public void dueNow(PendingTransfer transfer) {
        written.fire(new WorkWritten(PendingTransferRepository.LOOP));
    }

    @Override
    public void cancelTransfer(String callId) {
        transfers.deleteById(callId);
    }

    @Override
    public boolean record(SurveyResponse response) {
        if (responses.findById(response.callId) != null) {
            return false;
        }
        responses.persist(response);
        written.fire(new WorkWritten(SurveyResponseRepository.LOOP));
        return true;
    }
}
