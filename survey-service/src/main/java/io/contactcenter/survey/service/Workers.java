package io.contactcenter.survey.service;

import io.contactcenter.support.work.WorkLoop;
import io.contactcenter.support.work.WorkWritten;
import io.contactcenter.survey.domain.PendingTransferRepository;
import io.contactcenter.survey.domain.SurveyResponseRepository;
import io.contactcenter.survey.config.SurveyConfig;
import io.contactcenter.survey.messaging.ResultPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;

/**
 * The background work: survey transfers and result publishing run in loops woken as soon as a transaction committed
 * work for them ({@link WorkWritten}); settling surveys whose caller hung up or went silent is periodic.
 */
@ApplicationScoped
public class Workers {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final TransferService transfers;
    private final ResultPublisher publisher;
    private final JourneyService journeys;
    private final WorkLoop transferLoop;
    private final WorkLoop publishLoop;
    private volatile boolean stopping;

    public Workers(TransferService transfers, ResultPublisher publisher, JourneyService journeys, SurveyConfig config) {
        this.transfers = transfers;
        this.publisher = publisher;
        this.journeys = journeys;
        this.transferLoop = new WorkLoop(PendingTransferRepository.LOOP, config.transfer().workers(),
                config.transfer().pollInterval());
        this.publishLoop = new WorkLoop(SurveyResponseRepository.LOOP, 1, config.publish().pollInterval());
    }

    void onStart(@Observes StartupEvent event) {
        publishLoop.start(publisher::publishPending); // only now: it needs the application's Kafka emitter
        transferLoop.start(transfers::runDue);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        transferLoop.stop(STOP_TIMEOUT);
        publishLoop.stop(STOP_TIMEOUT);
    }

    void onWorkWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkWritten written) {
        transferLoop.wakeFor(written);
        publishLoop.wakeFor(written);
    }

    @Scheduled(every = "${survey.transfer.poll-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleHungUp() {
        if (stopping) {
            return;
        }
        Instant now = Instant.now();
        journeys.settleHungUp(now);
        journeys.settleStaleOffers(now);
    }
}
