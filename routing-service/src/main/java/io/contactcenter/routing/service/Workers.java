package io.contactcenter.routing.service;

import io.contactcenter.routing.messaging.AssignmentPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
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
    private volatile boolean running;

    public Workers(QueueWorker queue, TaskRunner tasks, AssignmentPublisher publisher, QueueMetrics queueMetrics) {
        this.queue = queue;
        this.tasks = tasks;
        this.publisher = publisher;
        this.queueMetrics = queueMetrics;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
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

    private void guarded(String what, Runnable work) {
        if (!running) {
            return; // not before the application (its Kafka emitter) is up, not while it stops
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Routing %s worker failed; it runs again at its next tick", what);
        }
    }
}
