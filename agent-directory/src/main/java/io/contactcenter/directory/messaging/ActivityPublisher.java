package io.contactcenter.directory.messaging;

import io.contactcenter.directory.domain.ActivityOutboxEntry;
import io.contactcenter.directory.domain.ActivityOutboxRepository;
import io.contactcenter.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the activity outbox to {@code agent-activity} (key = agent id, value = the record's JSON as written):
 * entries are deleted only after Kafka acknowledged them, so none is lost; a crash in between publishes a record
 * twice (consumers keep the highest {@code agentVersion}, or dedupe by {@code eventId}).
 */
@ApplicationScoped
public class ActivityPublisher {

    static final String CHANNEL = Topics.AGENT_ACTIVITY;
    private static final int BATCH = 100;

    private final ActivityOutboxRepository outbox;
    private final MutinyEmitter<Record<String, String>> emitter;

    public ActivityPublisher(ActivityOutboxRepository outbox,
            @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter) {
        this.outbox = outbox;
        this.emitter = emitter;
    }

    /** Publishes until the outbox is empty; returns how many records it published. */
    public int publishPending() {
        int published = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
            published += batch;
        } while (batch == BATCH);
        return published;
    }

    /**
     * Sends the whole batch, then waits for the acknowledgements with the transaction suspended (as routing's
     * publisher does: Kafka's threads must not see the transaction); a failure rolls the batch back.
     */
    private int publishBatch() {
        List<ActivityOutboxEntry> batch = outbox.lockBatch(BATCH);
        QuarkusTransaction.suspendingExisting().call(() -> sendAll(batch)).join();
        batch.forEach(outbox::delete);
        return batch.size();
    }

    private CompletableFuture<Void> sendAll(List<ActivityOutboxEntry> entries) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(entries.size());
        for (ActivityOutboxEntry entry : entries) {
            acks.add(emitter.send(Record.of(entry.agentId.toString(), entry.payload)).subscribeAsCompletionStage());
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }
}
