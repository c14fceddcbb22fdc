package io.contactcenter.directory.messaging;

import io.contactcenter.directory.domain.ActivityOutboxEntry;
import io.contactcenter.directory.domain.ActivityOutboxRepository;
import io.contactcenter.events.Topics;
import io.contactcenter.support.messaging.OutboxRelay;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes the activity outbox to {@code agent-activity} (key = agent id, value = the record's JSON as written)
 * through service-support's {@link OutboxRelay}: entries are deleted only after Kafka acknowledged them, so none is
 * lost; a crash in between publishes a record twice (consumers keep the highest {@code agentVersion}, or dedupe by
 * {@code eventId}).
 */
@ApplicationScoped
public class ActivityPublisher {

    static final String CHANNEL = Topics.AGENT_ACTIVITY;
    private static final int BATCH = 100;
    /** Beyond the producer's own delivery timeout: the batch is rolled back and sent again. */
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);

    private final OutboxRelay<ActivityOutboxEntry> relay;

    public ActivityPublisher(ActivityOutboxRepository outbox,
            @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter) {
        this.relay = new OutboxRelay<>(outbox::lockBatch, outbox::delete,
                entry -> emitter.send(Record.of(entry.agentId.toString(), entry.payload)).subscribeAsCompletionStage(),
                BATCH, ACK_TIMEOUT);
    }

    /** Publishes one batch; answers whether more may be pending (a {@code WorkLoop} pass). */
    public boolean publishPending() {
        return relay.publishPending();
    }
}
