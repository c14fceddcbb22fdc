package io.contactcenter.routing.service;

import io.contactcenter.routing.messaging.AssignmentPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The schedules that drive the database-backed work (every replica runs them; row locks share the work). */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final QueueWorker queue;
    private final TaskRunner tasks;
    private final AssignmentPublisher publisher;
    private final QueueMetrics queueMetrics;

    public Workers(QueueWorker queue, TaskRunner tasks, AssignmentPublisher publisher, QueueMetrics queueMetrics) {
        this.queue = queue;
        this.tasks = tasks;
        this.publisher = publisher;
        this.queueMetrics = queueMetrics;
    }

    @Scheduled(identity = "routing-queue", every = "${routing.queue.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void serveQueue() {
        guarded("queue", queue::runOnce);
    }

    @Scheduled(identity = "routing-tasks", every = "${routing.queue.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runTasks() {
        guarded("tasks", tasks::runOnce);
    }

    @Scheduled(identity = "routing-outbox", every = "${routing.queue.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishAssignments() {
        guarded("outbox", publisher::publishPending);
    }

    @Scheduled(identity = "routing-queue-metrics", every = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshQueueMetrics() {
        guarded("metrics", queueMetrics::refresh);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Routing %s worker failed; it runs again at its next tick", what);
        }
    }
}
