package io.contactcenter.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.routing.DirectoryStub;
import io.contactcenter.routing.VonageStub;
import io.contactcenter.routing.domain.OutboxEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The outbox pass commits right after the last acknowledgement. Kafka completes the acknowledgements on its own
 * threads; a transaction carried to them (context propagation) was still active there when the pass committed,
 * and Narayana failed the commit ("multiple threads active"): the batch was rolled back and sent again.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class AssignmentPublisherTest {

    @Inject
    AssignmentPublisher publisher;

    @Inject
    TransactionManager transactions;

    @Test
    void acknowledgementsCompleteOutsideThePublishingTransaction() {
        Thread publishing = Thread.currentThread();
        List<String> seenOnAckThreads = new CopyOnWriteArrayList<>();
        // a batch acknowledged before the check is attached runs it on this thread: send until a Kafka thread ran it
        for (int batch = 0; batch < 10 && seenOnAckThreads.isEmpty(); batch++) {
            QuarkusTransaction.requiringNew().run(() -> publisher.sendOutsideTransaction(entries(20)).thenRun(() -> {
                if (Thread.currentThread() != publishing) {
                    seenOnAckThreads.add(String.valueOf(current()));
                }
            }).join());
        }
        assertFalse(seenOnAckThreads.isEmpty(), "no acknowledgement completed on a Kafka thread");
        assertEquals(List.of("null"), seenOnAckThreads);
    }

    private static List<OutboxEntry> entries(int count) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(UUID.randomUUID().toString()));
        }
        return entries;
    }

    private Transaction current() {
        try {
            return transactions.getTransaction();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutboxEntry entry(String callId) {
        OutboxEntry entry = new OutboxEntry();
        entry.callId = callId;
        entry.payload = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + callId
                + "\",\"outcome\":\"RINGING\",\"at\":\"" + Instant.now() + "\"}";
        return entry;
    }
}
