package io.contactcenter.directory.service;

import io.contactcenter.directory.rest.AgentSnapshot;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The agents' open streams on this replica. A change of an agent — committed here ({@link AgentChanged}) or by another
 * replica (seen on agent-activity) — makes every open stream of that agent read the agent's snapshot and send it when
 * its version is newer than the last one sent, so a change seen twice is sent once. Keep-alives go out on a timer;
 * on shutdown every stream is completed, so open streams do not hold the shutdown.
 */
@ApplicationScoped
public class AgentStreams {

    private static final Logger LOG = Logger.getLogger(AgentStreams.class);

    /** An item of a stream: a snapshot, or (null) a keep-alive. */
    public record Item(AgentSnapshot snapshot) {
    }

    private final AgentSnapshots snapshots;
    private final Map<UUID, Set<Subscriber>> open = new ConcurrentHashMap<>();
    /** Reads snapshots off the request and Kafka threads; one thread keeps each agent's sends in order. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "agent-streams");
        thread.setDaemon(true);
        return thread;
    });

    public AgentStreams(AgentSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** The agent's stream: its snapshot at once, then one per change, and keep-alives. */
    public Multi<Item> open(UUID agentId) {
        return Multi.createFrom().emitter(emitter -> {
            Subscriber subscriber = new Subscriber(emitter);
            open.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
            emitter.onTermination(() -> open.computeIfPresent(agentId, (id, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            }));
            reader.execute(() -> send(agentId, Set.of(subscriber)));
        });
    }

    /** The agent changed (here or on another replica): its open streams get the new snapshot. */
    public void changed(UUID agentId) {
        if (open.containsKey(agentId)) {
            reader.execute(() -> send(agentId, open.getOrDefault(agentId, Set.of())));
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgentChanged change) {
        changed(change.agentId());
    }

    @Scheduled(every = "${directory.stream-keep-alive}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        open.values().forEach(set -> set.forEach(Subscriber::keepAlive));
    }

    void completeAll(@Observes ShutdownDelayInitiatedEvent stopping) {
        completeAll();
    }

    void completeAllAtLast(@Observes ShutdownEvent stopping) {
        completeAll();
    }

    private void completeAll() {
        open.values().forEach(set -> set.forEach(Subscriber::complete));
        open.clear();
    }

    private void send(UUID agentId, Set<Subscriber> subscribers) {
        if (subscribers.isEmpty()) {
            return;
        }
        Optional<AgentSnapshot> snapshot;
        try {
            snapshot = snapshots.of(agentId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "snapshot of agent %s not read; its stream gets the next change", agentId);
            return;
        }
        for (Subscriber subscriber : subscribers) {
            snapshot.ifPresentOrElse(subscriber::send, subscriber::complete); // a deleted agent's stream ends
        }
    }

    private static final class Subscriber {

        private final MultiEmitter<? super Item> emitter;
        private long lastVersion = -1;

        Subscriber(MultiEmitter<? super Item> emitter) {
            this.emitter = emitter;
        }

        synchronized void send(AgentSnapshot snapshot) {
            if (snapshot.version() > lastVersion) {
                lastVersion = snapshot.version();
                emitter.emit(new Item(snapshot));
            }
        }

        synchronized void keepAlive() {
            emitter.emit(new Item(null));
        }

        synchronized void complete() {
            emitter.complete();
        }
    }
}
