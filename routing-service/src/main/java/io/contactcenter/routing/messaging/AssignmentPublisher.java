package io.contactcenter.routing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.events.Assignment;
import io.contactcenter.routing.domain.OutboxEntry;
import io.contactcenter.routing.domain.OutboxRepository;
import io.contactcenter.support.messaging.OutboxRelay;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to {@code call-assignments} (key = call id) through service-support's {@link OutboxRelay}:
 * entries are deleted only after Kafka acknowledged them, so none is lost; a crash in between publishes a record twice
 * (consumers dedupe by eventId).
 */
@ApplicationScoped
public class AssignmentPublisher {

    static final String CHANNEL = "call-assignments";
    private static final int BATCH = 100;
    /** Beyond the producer's own delivery timeout: the batch is rolled back and sent again. */
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(AssignmentPublisher.class);

    private final ObjectMapper json;
    private final MutinyEmitter<Record<String, Assignment>> emitter;
    private final OutboxRelay<OutboxEntry> relay;

    public AssignmentPublisher(OutboxRepository outbox, ObjectMapper json,
            @Channel(CHANNEL) MutinyEmitter<Record<String, Assignment>> emitter) {
        this.json = json;
        this.emitter = emitter;
        this.relay = new OutboxRelay<>(outbox::lockBatch, outbox::delete, this::send, BATCH, ACK_TIMEOUT);
    }

    /** Publishes one batch; answers whether more may be pending (a {@code WorkLoop} pass). */
    public boolean publishPending() {
        return relay.publishPending();
    }

    /** The relay's sending of a batch, for the test that its acknowledgements see no transaction. */
    CompletableFuture<Void> sendOutsideTransaction(List<OutboxEntry> entries) {
        return relay.sendOutsideTransaction(entries);
    }

    private CompletionStage<Void> send(OutboxEntry entry) {
        Assignment assignment;
        try {
            assignment = json.readValue(entry.payload, Assignment.class);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "Unreadable outbox entry %d dropped", entry.id);
            return CompletableFuture.completedFuture(null);
        }
        return emitter.send(Record.of(entry.callId, assignment)).subscribeAsCompletionStage();
    }
}
