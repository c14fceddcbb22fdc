package io.contactcenter.directory.messaging;

import io.contactcenter.directory.service.AgentChanged;
import io.contactcenter.support.work.WorkLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;

/**
 * Runs the activity outbox publisher: woken after every committed agent change, and every second for records left
 * by a failed pass or another replica. One thread: records of one agent keep their order.
 */
@ApplicationScoped
public class ActivityOutboxLoop {

    private static final Duration IDLE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ActivityPublisher publisher;
    private final WorkLoop loop = new WorkLoop("directory-activity-outbox", 1, IDLE_INTERVAL);

    public ActivityOutboxLoop(ActivityPublisher publisher) {
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        loop.start(publisher::publishPending);
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop(STOP_TIMEOUT);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentChanged change) {
        loop.wake();
    }
}
