package io.contactcenter.survey.service;

import io.contactcenter.survey.messaging.ResultPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The periodic jobs: survey transfers, result publishing, and settling surveys whose caller hung up or went silent. */
@ApplicationScoped
public class Workers {

    private final TransferService transfers;
    private final ResultPublisher publisher;
    private final JourneyService journeys;
    private volatile boolean stopping;

    public Workers(TransferService transfers, ResultPublisher publisher, JourneyService journeys) {
        this.transfers = transfers;
        this.publisher = publisher;
        this.journeys = journeys;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${survey.transfer.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void transfers() {
        if (stopping) {
            return;
        }
        try {
            transfers.runDue();
        } catch (RuntimeException e) {
            Log.errorf(e, "survey transfer poll failed");
        }
    }

    @Scheduled(every = "${survey.publish.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() {
        if (stopping) {
            return;
        }
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
        if (stopping) {
            return;
        }
        Instant now = Instant.now();
        journeys.settleHungUp(now);
        journeys.settleStaleOffers(now);
    }
}
