package io.contactcenter.routing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Assignment;
import io.contactcenter.routing.domain.OutboxEntry;
import io.contactcenter.routing.domain.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to {@code call-assignments} (key = call id): records are deleted only after Kafka
 * acknowledged them, so none is lost; a crash in between publishes a record twice (consumers dedupe by eventId).
 */
@ApplicationScoped
public class AssignmentPublisher {

    static final String CHANNEL = "call-assignments";
    private static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(AssignmentPublisher.class);

    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final MutinyEmitter<Record<String, Assignment>> emitter;

    public AssignmentPublisher(OutboxRepository outbox, ObjectMapper json,
            @Channel(CHANNEL) MutinyEmitter<Record<String, Assignment>> emitter) {
        this.outbox = outbox;
        this.json = json;
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
     * Sends the whole batch before waiting for Kafka's acknowledgements (one at a time cost a broker round trip
     * per record, and the survey waits for these records); the producer keeps the order of one call's records.
     * Entries are deleted only when every record of the batch was acknowledged; a failure rolls the batch back.
     */
    private int publishBatch() {
        List<OutboxEntry> batch = outbox.lockBatch(BATCH);
        sendOutsideTransaction(batch).join();
        batch.forEach(outbox::delete);
        return batch.size();
    }

    /**
     * Sends the entries' records with the current transaction suspended; completes, on a Kafka thread, when Kafka
     * acknowledged all of them. Context propagation would carry the transaction to the threads that complete the
     * acknowledgements, where it was often still active when the pass committed, and Narayana then failed the
     * commit ("multiple threads active"): the batch was rolled back and sent again.
     */
    CompletableFuture<Void> sendOutsideTransaction(List<OutboxEntry> entries) {
        return QuarkusTransaction.suspendingExisting().call(() -> sendAll(entries));
    }

    private CompletableFuture<Void> sendAll(List<OutboxEntry> entries) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            Assignment assignment;
            try {
                assignment = json.readValue(entry.payload, Assignment.class);
            } catch (JsonProcessingException e) {
                LOG.errorf(e, "Unreadable outbox entry %d dropped", entry.id);
                continue;
            }
            acks.add(emitter.send(Record.of(entry.callId, assignment)).subscribeAsCompletionStage());
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }
}
