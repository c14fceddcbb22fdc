package io.contactcenter.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.directory.service.Retention;
import io.contactcenter.infra.Rows;
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
 * The retention job with its defaults (numbers of ended calls masked after 5 minutes, voicemail numbers after 30 days,
 * call records kept 90 days) on rows written straight into PostgreSQL: what is due goes; a live assignment and its
 * outbound call, a call released a minute ago and a recent voicemail stay as they were.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class RetentionTest {

    private static final Duration OLD = Duration.ofDays(91);
    private static final Duration ENDED = Duration.ofMinutes(10);

    @Inject
    DataSource dataSource;

    @Inject
    Retention retention;

    @Test
    void maskedAfterTheGraceDeletedAfterTheRetentionAndNothingLiveTouched() {
        UUID agent = UUID.randomUUID();
        sql("insert into directory.agent (id, name, endpoint_type, endpoint_value, status, state, last_idle_at)"
                + " values (?, ?, 'APP', ?, 'OFFLINE', 'IDLE', now())", agent, "retention-" + agent, agent.toString());
        UUID oldAssignment = assignment(agent, "RELEASED", OLD, "447700900001");
        UUID released = assignment(agent, "RELEASED", ENDED, "447700900002");
        UUID justReleased = assignment(agent, "RELEASED", Duration.ofMinutes(1), "447700900003");
        String liveCall = UUID.randomUUID().toString();
        UUID live = assignment(agent, "ON_CALL", OLD, "447700900004", liveCall);
        outboundCall(liveCall, agent, OLD, "447700900104");
        String endedCall = UUID.randomUUID().toString();
        outboundCall(endedCall, agent, ENDED, "447700900105");
        UUID oldVoicemail = voicemail(OLD, "447700900201");
        UUID monthOldVoicemail = voicemail(Duration.ofDays(31), "447700900202");
        UUID newVoicemail = voicemail(Duration.ofDays(1), "447700900203");

        retention.runOnce();

        assertEquals("", callerNumber(oldAssignment));
        assertEquals("4477****0002", callerNumber(released));
        assertEquals("447700900003", callerNumber(justReleased));
        assertEquals("447700900004", callerNumber(live));
        assertEquals("447700900104", calledNumber(liveCall));
        assertEquals("4477****0105", calledNumber(endedCall));
        assertEquals("", value("select caller_number from directory.voicemail where id = ?", oldVoicemail));
        assertEquals("4477****0202", value("select caller_number from directory.voicemail where id = ?",
                monthOldVoicemail));
        assertEquals("447700900203", value("select caller_number from directory.voicemail where id = ?",
                newVoicemail));
    }

    private String callerNumber(UUID assignment) {
        return value("select caller_number from directory.assignment where id = ?", assignment);
    }

    private String calledNumber(String outboundCall) {
        return value("select to_number from directory.outbound_call where call_id = ?", outboundCall);
    }

    private UUID assignment(UUID agent, String state, Duration ago, String callerNumber) {
        return assignment(agent, state, ago, callerNumber, UUID.randomUUID().toString());
    }

    private UUID assignment(UUID agent, String state, Duration ago, String callerNumber, String callId) {
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        sql("insert into directory.assignment (id, call_id, agent_id, department_id, state, claimed_at, released_at,"
                + " caller_number) values (?, ?, ?, ?, ?, ?, ?, ?)", id, callId, agent, UUID.randomUUID(), state, at,
                "RELEASED".equals(state) ? at : null, callerNumber);
        return id;
    }

    private void outboundCall(String callId, UUID agent, Duration ago, String number) {
        sql("insert into directory.outbound_call (call_id, agent_id, to_number, allowed_at) values (?, ?, ?, ?)",
                callId, agent, number, Timestamp.from(Instant.now().minus(ago)));
    }

    private UUID voicemail(Duration ago, String number) {
        UUID id = UUID.randomUUID();
        sql("insert into directory.voicemail (id, call_id, department_id, caller_number, recording_url, received_at)"
                + " values (?, ?, ?, ?, 'https://recordings.test/1', ?)", id, id.toString(), UUID.randomUUID(),
                number, Timestamp.from(Instant.now().minus(ago)));
        return id;
    }

    private String value(String sql, Object parameter) {
        return Rows.read(dataSource, sql, parameter);
    }

    private void sql(String sql, Object... parameters) {
        Rows.write(dataSource, sql, parameters);
    }
}
