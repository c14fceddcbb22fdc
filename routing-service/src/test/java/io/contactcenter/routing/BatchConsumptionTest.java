package io.contactcenter.routing;

import static io.contactcenter.routing.Scenario.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.testsupport.OnePoll;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A poll's records are applied in one database transaction (Consumers, BatchApplier). The records are produced as ONE
 * Kafka record batch (one partition, one producer request), so they reach routing in one poll; PostgreSQL's
 * {@code xmin} of their processed-event rows names the transaction that wrote each.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class BatchConsumptionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aPollOfSeveralCallsRecordsIsAppliedInOneTransaction() throws Exception {
        List<ProducerRecord<String, String>> poll = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            String callId = id();
            for (CallStatus status : List.of(CallStatus.COMPLETED, CallStatus.FAILED, CallStatus.COMPLETED)) {
                CallEvent event = callerEnded(callId, status);
                eventIds.add("event:" + event.eventId());
                poll.add(record(callId, Bus.JSON.writeValueAsString(event)));
            }
        }
        OnePoll.send(LocalInfra.shared().kafkaBootstrapServers(), poll);

        await().atMost(WAIT).until(() -> processed(eventIds) == eventIds.size());
        assertEquals(1, transactionsThatWrote(eventIds), "12 records of 4 calls, one transaction");
    }

    @Test
    void anUnreadableRecordOfAPollIsDeadLetteredAloneAndTheOthersAreAppliedTogether() throws Exception {
        double deadLettersBefore = deadLetters();
        String first = id();
        String second = id();
        CallEvent firstEnded = callerEnded(first, CallStatus.COMPLETED);
        CallEvent secondEnded = callerEnded(second, CallStatus.COMPLETED);
        List<String> eventIds = List.of("event:" + firstEnded.eventId(), "event:" + secondEnded.eventId());
        OnePoll.send(LocalInfra.shared().kafkaBootstrapServers(), List.of(
                record(first, Bus.JSON.writeValueAsString(firstEnded)), record(id(), "{not json"),
                record(second, Bus.JSON.writeValueAsString(secondEnded))));

        await().atMost(WAIT).until(() -> processed(eventIds) == 2);
        assertEquals(1, transactionsThatWrote(eventIds));
        await().atMost(WAIT).until(() -> deadLetters() == deadLettersBefore + 1);
    }

    private static CallEvent callerEnded(String callId, CallStatus status) {
        return new CallEvent(UUID.randomUUID().toString(), CallEvent.VERSION, callId, callId, Role.CALLER, null,
                EventKind.STATUS, status, null, null, "447700900123", "447700900100", "CON-" + callId, null,
                Instant.now(), Instant.now(), null);
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        return new ProducerRecord<>(Topics.CALL_EVENTS, 0, key, value);
    }

    private double deadLetters() {
        return registry.counter("consumer.dead.letters", "topic", Topics.CALL_EVENTS).count();
    }

    private long processed(List<String> eventIds) throws SQLException {
        return query("select count(*) from processed_event where event_id = any(?)", eventIds);
    }

    /** How many transactions inserted these processed-event rows (a row's xmin is its inserting transaction). */
    private long transactionsThatWrote(List<String> eventIds) throws SQLException {
        return query("select count(distinct xmin::text) from processed_event where event_id = any(?)", eventIds);
    }

    private long query(String sql, List<String> eventIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
