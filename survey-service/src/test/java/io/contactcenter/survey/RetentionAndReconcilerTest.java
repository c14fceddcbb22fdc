package io.contactcenter.survey;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.infra.Postgres;
import io.contactcenter.infra.Rows;
import io.contactcenter.survey.config.RetentionConfig;
import io.contactcenter.survey.service.Reconciler;
import io.contactcenter.survey.service.Retention;
import io.contactcenter.survey.support.Stubs;
import io.contactcenter.survey.support.StubsResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The reconciler and the retention job, on rows written straight into PostgreSQL (one class, so one boot).
 *
 * <p>The reconciler with its defaults: an offered survey that heard nothing for 15 minutes is checked with Vonage; a
 * caller's leg Vonage no longer knows (404) is a hang-up, settled by the survey rules; a leg Vonage does not report
 * ended is left alone. A survey offered 10 minutes ago is not asked about although Vonage reports its leg gone: its
 * caller's input may still be in the gateway's journal (a Kafka outage).
 *
 * <p>The retention job with its defaults (a settled journey's number masked 5 minutes after its last change,
 * journeys and published outcomes kept 90 days, consumed-record ids 7 days): what is due goes; a survey in progress,
 * a journey with a transfer still to make, one settled a minute ago and an unpublished outcome stay as they were. It
 * runs on a schema of its own, migrated by the service's migrations, where nothing else works: in the service's
 * schema the outbox publisher may publish the unpublished outcome before the pass (deleting it is then right) and
 * the survey rules may settle the journeys written, so the test could neither be sure to pass nor to fail.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class RetentionAndReconcilerTest {

    private static final Duration OLD = Duration.ofDays(91);
    private static final Duration SETTLED = Duration.ofMinutes(10);
    private static final String RETENTION_SCHEMA = "retention_check";

    @Inject
    DataSource dataSource;

    @Inject
    RetentionConfig retentionConfig;

    @Inject
    Flyway flyway;

    @Inject
    Reconciler reconciler;

    @Test
    void anOfferedSurveyWhoseCallerLegVonageReportsGoneIsSettledAsAHangUp() {
        String gone = offered(Duration.ofMinutes(16));
        String unclear = offered(Duration.ofMinutes(16));
        String recent = offered(Duration.ofMinutes(10));
        Stubs.shared().vonage.answer(gone, 404);
        Stubs.shared().vonage.answer(recent, 404);

        reconciler.runOnce(); // (the scheduled run may take some of them first: the outcome is the same)

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(surveyState(gone)));
        assertEquals("CALLER_HUNG_UP", value("SELECT status FROM survey.survey_response WHERE call_id = ?", gone));
        assertEquals("OFFERED", surveyState(unclear));
        assertTrue(Stubs.shared().vonage.requestsFor(unclear).stream().anyMatch(r -> r.method().equals("GET")));
        assertTrue(Stubs.shared().vonage.requestsFor(recent).isEmpty(), "not asked yet");
        assertEquals(0, reconciler.runOnce(), "the leg just asked about is asked again only after the period");
    }

    /** A caller who left an agent: routing's last record (handed outside or not) is waited for 15 minutes at most. */
    @Test
    void aHangUpWaitingForRoutingsLastRecordIsSettledAfterTheBound() {
        String department = UUID.randomUUID().toString();
        Stubs.shared().directory.department(department, true);
        String waitedLong = callerLeftTheAgent(department, Duration.ofMinutes(16));
        String waiting = callerLeftTheAgent(department, Duration.ofMinutes(10));

        reconciler.runOnce(); // (the scheduled run may take it first: the outcome is the same)

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(surveyState(waitedLong)));
        assertEquals("CALLER_HUNG_UP",
                value("SELECT status FROM survey.survey_response WHERE call_id = ?", waitedLong));
        assertEquals("NONE", surveyState(waiting));
        // and its outcome reaches the outbox publisher
        await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(value(
                "SELECT count(*) FROM survey.survey_response WHERE call_id = ? AND published_at IS NOT NULL",
                waitedLong)));
    }

    @Test
    void maskedAfterTheGraceDeletedAfterTheRetentionAndNothingInProgressTouched() {
        DataSource isolated = migratedSchema(RETENTION_SCHEMA);
        Retention retention = new Retention(isolated, retentionConfig);
        String old = journey(isolated, "DONE", OLD, false, "447700900001");
        String done = journey(isolated, "DONE", SETTLED, false, "447700900002");
        String callerLeft = journey(isolated, "NONE", SETTLED, true, "447700900003");
        String justDone = journey(isolated, "DONE", Duration.ofMinutes(1), false, "447700900004");
        String offered = journey(isolated, "OFFERED", OLD, false, "447700900005");
        String closing = journey(isolated, "SKIPPED", OLD, false, "447700900006");
        sql(isolated, "INSERT INTO pending_transfer (call_id, attempts, next_attempt_at, give_up_at, purpose,"
                + " created_at) VALUES (?, 0, now(), now(), 'CLOSING', now())", closing);
        String published = response(isolated, OLD, true);
        String unpublished = response(isolated, OLD, false);
        String recent = response(isolated, Duration.ofDays(89), true);
        String oldEvent = processedEvent(isolated, Duration.ofDays(8));
        String newEvent = processedEvent(isolated, Duration.ofDays(6));

        retention.runOnce();

        assertEquals("", value(isolated, "SELECT caller_number FROM journey WHERE call_id = ?", old));
        assertEquals("4477****0002", number(isolated, done));
        assertEquals("4477****0003", number(isolated, callerLeft));
        assertEquals("447700900004", number(isolated, justDone));
        assertEquals("447700900005", number(isolated, offered));
        assertEquals("447700900006", number(isolated, closing));
        assertEquals("", value(isolated, "SELECT call_id FROM survey_response WHERE call_id = ?", published));
        assertEquals(unpublished,
                value(isolated, "SELECT call_id FROM survey_response WHERE call_id = ?", unpublished));
        assertEquals(recent, value(isolated, "SELECT call_id FROM survey_response WHERE call_id = ?", recent));
        assertEquals("", value(isolated, "SELECT event_id FROM processed_event WHERE event_id = ?", oldEvent));
        assertEquals(newEvent, value(isolated, "SELECT event_id FROM processed_event WHERE event_id = ?", newEvent));
    }

    private String offered(Duration ago) {
        String callId = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        sql("INSERT INTO survey.journey (call_id, caller_number, survey_state, agent_confirmed_at, agent_ended_at,"
                + " offered_at, created_at, updated_at) VALUES (?, '447700900010', 'OFFERED', ?, ?, ?, ?, ?)",
                callId, at, at, at, at, at);
        return callId;
    }

    private String callerLeftTheAgent(String department, Duration ago) {
        String callId = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        sql("INSERT INTO survey.journey (call_id, caller_number, department_id, survey_state, agent_confirmed_at,"
                + " caller_status, caller_final_at, caller_final_seen_at, created_at, updated_at)"
                + " VALUES (?, '447700900011', ?, 'NONE', ?, 'completed', ?, ?, ?, ?)",
                callId, department, at, at, at, at, at);
        return callId;
    }

    private String surveyState(String callId) {
        return value("SELECT survey_state FROM survey.journey WHERE call_id = ?", callId);
    }

    private static String number(DataSource schema, String callId) {
        return value(schema, "SELECT caller_number FROM journey WHERE call_id = ?", callId);
    }

    private static String journey(DataSource schema, String state, Duration changedAgo, boolean callerGone,
            String callerNumber) {
        String callId = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(Instant.now().minus(changedAgo));
        sql(schema, "INSERT INTO journey (call_id, caller_number, survey_state, caller_final_seen_at, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                callId, callerNumber, state, callerGone ? at : null, at, at);
        return callId;
    }

    private static String response(DataSource schema, Duration surveyedAgo, boolean published) {
        String callId = UUID.randomUUID().toString();
        Timestamp at = Timestamp.from(Instant.now().minus(surveyedAgo));
        sql(schema, "INSERT INTO survey_response (call_id, event_id, status, caller_number, recorded_at, survey_at,"
                + " published_at) VALUES (?, ?, 'NO_INPUT', '4477****0009', ?, ?, ?)",
                callId, "survey-result-" + callId, at, at, published ? at : null);
        return callId;
    }

    private static String processedEvent(DataSource schema, Duration ago) {
        String eventId = UUID.randomUUID().toString();
        sql(schema, "INSERT INTO processed_event (event_id, topic, processed_at) VALUES (?, 'call-events', ?)",
                eventId, Timestamp.from(Instant.now().minus(ago)));
        return eventId;
    }

    private String value(String sql, Object parameter) {
        return value(dataSource, sql, parameter);
    }

    private void sql(String sql, Object... parameters) {
        sql(dataSource, sql, parameters);
    }

    private static String value(DataSource schema, String sql, Object parameter) {
        return Rows.read(schema, sql, parameter);
    }

    private static void sql(DataSource schema, String sql, Object... parameters) {
        Rows.write(schema, sql, parameters);
    }

    /**
     * The survey database's schema {@code name}, migrated by the service's migrations (the configuration of the
     * service's own Flyway, so the same migrations, with the schema changed).
     */
    private DataSource migratedSchema(String name) {
        Postgres postgres = LocalInfra.shared().postgres();
        PGSimpleDataSource schema = new PGSimpleDataSource();
        schema.setUrl(postgres.database("survey"));
        schema.setUser(postgres.user());
        schema.setPassword(postgres.password());
        schema.setCurrentSchema(name);
        Flyway.configure().configuration(flyway.getConfiguration()).dataSource(schema).schemas(name)
                .defaultSchema(name).load().migrate();
        return schema;
    }
}
