package io.contactcenter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.infra.Rows;
import io.contactcenter.routing.service.Retention;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The retention job with its defaults (numbers masked 5 minutes after the call ended, finished calls kept 90 days,
 * consumed-record ids 7 days) on rows written straight into PostgreSQL: what is due goes, what is not — a call in
 * progress, a callback still to be dialled, a call that just ended — stays as it was.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class RetentionTest {

    @Inject
    DataSource dataSource;

    @Inject
    Retention retention;

    @Test
    void maskedAfterTheGraceDeletedAfterTheRetentionAndNothingInProgressTouched() {
        String old = call("DONE", Duration.ofDays(91), "447700900001", null);
        attempt(old);
        sql("insert into routing.idempotent_request (call_id, request_key, request_hash, status, created_at)"
                + " values (?, 'k', 'h', 202, now())", old);
        String ended = call("DONE", Duration.ofMinutes(10), "447700900002", "447700900102");
        String overflowed = call("OVERFLOW", Duration.ofMinutes(10), "447700900003", null);
        String justEnded = call("DONE", Duration.ofMinutes(1), "447700900004", null);
        String callback = call("WAITING", Duration.ofDays(91), "447700900005", "447700900105");
        String talking = call("CONNECTED", Duration.ofDays(1), "447700900006", null);
        String oldEvent = UUID.randomUUID().toString();
        String newEvent = UUID.randomUUID().toString();
        processedEvent(oldEvent, Duration.ofDays(8));
        processedEvent(newEvent, Duration.ofDays(6));

        retention.runOnce();

        assertEquals("", Db.state(dataSource, old));
        assertEquals(0, Db.count(dataSource, "select count(*) from routing.attempt where call_id = ?", old));
        assertEquals(0, Db.count(dataSource, "select count(*) from routing.idempotent_request where call_id = ?", old));
        assertEquals("4477****0002/4477****0102", numbers(ended));
        assertEquals("4477****0003/null", numbers(overflowed));
        assertEquals("447700900004/null", numbers(justEnded));
        assertEquals("447700900005/447700900105", numbers(callback));
        assertEquals("447700900006/null", numbers(talking));
        assertEquals("", Db.single(dataSource, "select event_id from routing.processed_event where event_id = ?",
                oldEvent));
        assertEquals(newEvent, Db.single(dataSource, "select event_id from routing.processed_event where event_id = ?",
                newEvent));

        retention.runOnce(); // masking twice changes nothing
        assertEquals("4477****0002/4477****0102", numbers(ended));
    }

    private String numbers(String callId) {
        return Db.single(dataSource, "select coalesce(caller_number, 'null') || '/'"
                + " || coalesce(callback_number, 'null') from routing.routed_call where call_id = ?", callId);
    }

    private String call(String state, Duration endedAgo, String callerNumber, String callbackNumber) {
        String callId = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(Instant.now().minus(endedAgo));
        sql("insert into routing.routed_call (call_id, department_id, caller_number, callback_number, state, queued_at,"
                + " next_try_at, updated_at) values (?, 'retention', ?, ?, ?, ?, ?, ?)",
                callId, callerNumber, callbackNumber, state, at, at, at);
        return callId;
    }

    private void attempt(String callId) {
        sql("insert into routing.attempt (call_id, attempt_no, agent_id, endpoint_type, endpoint_value, state,"
                + " created_at) values (?, 1, 'agent', 'phone', '447700900900', 'COMPLETED', now())", callId);
    }

    private void processedEvent(String eventId, Duration ago) {
        sql("insert into routing.processed_event (event_id, processed_at) values (?, ?)", eventId,
                Timestamp.from(Instant.now().minus(ago)));
    }

    private void sql(String sql, Object... parameters) {
        Rows.write(dataSource, sql, parameters);
    }
}
