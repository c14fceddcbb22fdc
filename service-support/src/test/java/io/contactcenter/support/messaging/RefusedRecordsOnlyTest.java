package io.contactcenter.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Only refused records reach the dead-letter topic; a record nacked otherwise is neither dead-lettered nor
 * acknowledged (its offset stays uncommitted), and stops the channel unless the service is stopping.
 */
class RefusedRecordsOnlyTest {

    private final List<Long> deadLettered = new ArrayList<>();
    private final List<Long> acknowledged = new ArrayList<>();
    private final List<Throwable> channelFailures = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final RefusedRecordsOnly strategy = new RefusedRecordsOnly(new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(record.getOffset());
            return Uni.createFrom().completionStage(record.ack());
        }
    }, "call-events", (failure, fatal) -> channelFailures.add(failure), stopping::get);

    @Test
    void aRefusedRecordGoesToTheDeadLetterTopic() {
        nack(7, new IllegalStateException("batch", new IllegalArgumentException("unknown department")));
        assertEquals(List.of(7L), deadLettered);
        assertEquals(List.of(7L), acknowledged, "acknowledged once dead-lettered");
        assertEquals(List.of(), channelFailures);
    }

    @Test
    void aRecordNackedWhileTheServiceStopsIsLeftForRedelivery() {
        stopping.set(true);
        nack(8, new IllegalStateException("No CDI container is available"));
        assertEquals(List.of(), deadLettered);
        assertEquals(List.of(), acknowledged);
        assertEquals(List.of(), channelFailures);
    }

    @Test
    void aRecordNackedWhileTheServiceRunsStopsTheChannelAndStaysUncommitted() {
        IllegalStateException failure = new IllegalStateException("unexpected");
        nack(9, failure);
        assertEquals(List.of(), deadLettered);
        assertEquals(List.of(), acknowledged);
        assertEquals(List.of(failure), channelFailures);
    }

    private void nack(long offset, Throwable reason) {
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                acknowledged.add(record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        IncomingKafkaRecord<String, String> record = new IncomingKafkaRecord<>(
                new ConsumerRecord<>("call-events", 2, offset, "call-1", "{}"), "call-events", 0, commits, strategy,
                false, false);
        record.nack(reason).toCompletableFuture().join();
    }
}
