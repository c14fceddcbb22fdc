package io.contactcenter.routing.service;

import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.OutboxRepository;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.routing.messaging.AssignmentPublisher;
import io.contactcenter.support.work.WorkLoop;
import io.contactcenter.support.work.WorkWritten;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The loops that drive the database-backed work (every replica runs them; row locks share the work): the waiting
 * queue, the tasks and the assignment outbox. Each wakes when work for it was committed — a route request applied,
 * a task or assignment written ({@link WorkWritten} after the commit), a release of this replica's settled, an agent
 * reported free by the directory — and otherwise looks every {@code poll-interval} for work that became due with time.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final QueueWorker queue;
    private final TaskRunner tasks;
    private final AssignmentPublisher publisher;
    private final QueueMetrics queueMetrics;
    private final WorkLoop queueLoop;
    private final WorkLoop taskLoop;
    private final WorkLoop outboxLoop;

    public Workers(QueueWorker queue, TaskRunner tasks, AssignmentPublisher publisher, QueueMetrics queueMetrics,
            RoutingConfig config) {
        this.queue = queue;
        this.tasks = tasks;
        this.publisher = publisher;
        this.queueMetrics = queueMetrics;
        Duration poll = config.queue().pollInterval();
        this.queueLoop = new WorkLoop(RoutedCallRepository.LOOP, config.queue().workers(), poll);
        this.taskLoop = new WorkLoop(TaskRepository.LOOP, 2, poll);
        this.outboxLoop = new WorkLoop(OutboxRepository.LOOP, 1, poll); // one publisher keeps a call's records in order
    }

    void onStart(@Observes StartupEvent event) {
        // only now: the outbox needs the application's Kafka emitter
        outboxLoop.start(publisher::publishPending);
        // a settled release wakes the queue loop itself (CallTransitions.agentFreed, releaseSettled)
        taskLoop.start(tasks::runOnce);
        queueLoop.start(() -> queue.runOnce(queueLoop::wake));
    }

    void onStop(@Observes ShutdownEvent event) {
        queueLoop.stop(STOP_TIMEOUT);
        taskLoop.stop(STOP_TIMEOUT);
        outboxLoop.stop(STOP_TIMEOUT);
    }

    /** A route request was applied (committed): serve the queue now. */
    public void routeRequestApplied() {
        queueLoop.wake();
    }

    void onWorkWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkWritten written) {
        queueLoop.wakeFor(written);
        taskLoop.wakeFor(written);
        outboxLoop.wakeFor(written);
    }

    @Scheduled(identity = "routing-queue-metrics", every = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshQueueMetrics() {
        try {
            queueMetrics.refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Routing queue metrics failed; they are refreshed again at the next tick");
        }
    }
}
