package io.contactcenter.support.messaging;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The consumers' failure strategy ({@code failure-strategy=dead-letter-refused}): only a record that can never be
 * applied ({@link RecordRetry#isPermanent}: unreadable, or refused; {@link BatchApplier} nacks nothing else) goes to
 * {@code <topic>.dlq}, through the connector's own {@code dead-letter-queue}. Any other nack leaves the record
 * unacknowledged, so its offset is not committed and it is read again: by this service after its restart, or by the
 * replica that takes its partition. Such nacks come from a stopping service: the messaging layer nacks the records a
 * consumer had fetched when the application's shutdown began (its worker pool and CDI container going), and
 * {@code dead-letter-queue} sent them to the dead-letter topic with their offsets committed, so every rolling restart
 * lost a poll's records. While the service runs, such a nack stops the channel (as {@code fail} does): its health
 * check goes down and Kubernetes restarts the pod, which reads the record again.
 */
public final class RefusedRecordsOnly implements KafkaFailureHandler {

    public static final String STRATEGY = "dead-letter-refused";
    private static final Logger LOG = Logger.getLogger(RefusedRecordsOnly.class);

    private final KafkaFailureHandler deadLetters;
    private final String channel;
    private final BiConsumer<Throwable, Boolean> reportFailure;
    private final BooleanSupplier stopping;

    RefusedRecordsOnly(KafkaFailureHandler deadLetters, String channel, BiConsumer<Throwable, Boolean> reportFailure,
            BooleanSupplier stopping) {
        this.deadLetters = deadLetters;
        this.channel = channel;
        this.reportFailure = reportFailure;
        this.stopping = stopping;
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        if (RecordRetry.isPermanent(reason)) {
            return deadLetters.handle(record, reason, metadata);
        }
        String where = record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset();
        if (stopping.getAsBoolean()) {
            LOG.infof("%s record %s not applied before the stop (%s): left unacknowledged, it is read again", channel,
                    where, reason);
        } else {
            LOG.errorf(reason, "%s record %s not applied, and not refused: the channel stops, the record is read "
                    + "again after the restart", channel, where);
            reportFailure.accept(reason, true);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public void terminate() {
        deadLetters.terminate();
    }

    /**
     * Creates the strategy for each channel that names it; a service declares it as a bean of its own (a subclass
     * with {@code @Singleton @Identifier(STRATEGY)}, given the connector's {@code dead-letter-queue} factory):
     * only routing and survey, which dead-letter, have the Kafka connector this needs.
     */
    public abstract static class Factory implements KafkaFailureHandler.Factory {

        private final KafkaFailureHandler.Factory deadLetters;
        private volatile boolean stopping;

        protected Factory(KafkaFailureHandler.Factory deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            return new RefusedRecordsOnly(deadLetters.create(config, vertx, consumer, reportFailure),
                    config.getChannel(), reportFailure, () -> stopping);
        }

        void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
            stopping = true;
        }

        void onShutdown(@Observes ShutdownEvent event) {
            stopping = true;
        }
    }
}
