package io.contactcenter.survey.service;

import io.contactcenter.survey.messaging.ResultPublisher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The periodic jobs: survey transfers, result publishing, and settling surveys whose caller hung up. */
@ApplicationScoped
public class Workers {

    private final TransferService transfers;
    private final ResultPublisher publisher;
    private final JourneyService journeys;

    public Workers(TransferService transfers, ResultPublisher publisher, JourneyService journeys) {
        this.transfers = transfers;
        this.publisher = publisher;
        this.journeys = journeys;
    }

    @Scheduled(every = "${survey.transfer.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void transfers() {
        try {
            transfers.runDue();
        } catch (RuntimeException e) {
            Log.errorf(e, "survey transfer poll failed");
        }
    }

    @Scheduled(every = "${survey.publish.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        try {
            while (publisher.publishBatch() > 0) {
                // drain
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "survey result publishing failed; retrying on the next poll");
        }
    }

    @Scheduled(every = "${survey.transfer.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void settleHungUp() {
        journeys.settleHungUp(Instant.now());
    }
}
