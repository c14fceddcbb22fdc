package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.*;
import static io.contactcenter.routing.Scenario.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A routing instance stopped in the middle of calls: what it left in PostgreSQL (a waiting call, a claimed agent
 * whose leg was not created yet, a leg created but never stored, a ringing leg) is picked up by the running instance
 * — nothing lives in memory. (The Kafka side of a restart is the committed offsets: records after the last
 * commit are redelivered, which the idempotency tests cover.)
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class ResumeAfterRestartTest {

    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    @Test
    void waitingCallLeftBehindIsServed() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        leftBehind(callId, department, "WAITING", Instant.now(), null, null, null);

        VonageStub.Create leg = awaitLeg(callId, 1);
        assertEquals(agent[1], leg.body().at("/to/0/number").asText());
        awaitOutcomes(callId, RINGING);
    }

    @Test
    void claimedAgentWhoseLegWasNotCreatedIsCalled() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        assertEquals(agent[0], DirectoryStub.reserve(callId, department));
        leftBehind(callId, department, "CALLING", Instant.now(), agent, null, "CLAIMED");

        VonageStub.Create leg = awaitLeg(callId, 1);
        assertEquals(agent[1], leg.body().at("/to/0/number").asText());
        awaitOutcomes(callId, RINGING);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, ANSWERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent[0])));
    }

    @Test
    void legCreatedButNeverStoredIsAdoptedFromItsEventsNotCreatedTwice() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        DirectoryStub.reserve(callId, department);
        // the stopped instance would have retried createCall later; its leg's events arrive first
        leftBehind(callId, department, "CALLING", Instant.now().plusSeconds(3600), agent, null, "CLAIMED");
        String leg = UUID.randomUUID().toString();

        bus.agentEvent(callId, leg, agent[0], CallStatus.RINGING, null);
        awaitOutcomes(callId, RINGING);
        assertEquals(leg, bus.last(callId, RINGING).orElseThrow().agentLegId());
        bus.agentEvent(callId, leg, agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, ANSWERED);
        assertTrue(VonageStub.attemptsFor(callId).isEmpty(), "no second leg for the agent");
    }

    @Test
    void ringingLegLeftBehindIsFollowedToTheEnd() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        DirectoryStub.reserve(callId, department);
        String leg = UUID.randomUUID().toString();
        leftBehind(callId, department, "RINGING", Instant.now().plusSeconds(3600), agent, leg, "RINGING");

        bus.agentEvent(callId, leg, agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, ANSWERED);
        bus.agentEvent(callId, leg, agent[0], CallStatus.COMPLETED, java.util.Map.of("duration", "3"));
        awaitOutcomes(callId, ANSWERED, COMPLETED);
        awaitAssignmentState(callId, "RELEASED/COMPLETED");
    }

    /** Writes, in one transaction, what a stopped instance leaves behind for a call (and its attempt). */
    private void leftBehind(String callId, String department, String state, Instant nextTry, String[] agent,
            String leg, String attemptState) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement call = connection.prepareStatement("""
                    insert into routing.routed_call (call_id, department_id, caller_number, state, queued_at,
                        next_try_at, attempts, max_attempts, max_wait_seconds, ringing_timeout, updated_at)
                    values (?, ?, '447700900123', ?, ?, ?, ?, 3, 60, 20, now())""")) {
                call.setString(1, callId);
                call.setString(2, department);
                call.setString(3, state);
                call.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(1)));
                call.setTimestamp(5, Timestamp.from(nextTry));
                call.setInt(6, agent == null ? 0 : 1);
                call.executeUpdate();
            }
            if (agent != null) {
                try (PreparedStatement attempt = connection.prepareStatement("""
                        insert into routing.attempt (call_id, attempt_no, agent_id, agent_leg_id, endpoint_type,
                            endpoint_value, state, created_at)
                        values (?, 1, ?, ?, 'phone', ?, ?, now())""")) {
                    attempt.setString(1, callId);
                    attempt.setString(2, agent[0]);
                    attempt.setString(3, leg);
                    attempt.setString(4, agent[1]);
                    attempt.setString(5, attemptState);
                    attempt.executeUpdate();
                }
                try (PreparedStatement link = connection.prepareStatement("""
                        update routing.routed_call set current_attempt_id =
                            (select id from routing.attempt where call_id = ?) where call_id = ?""")) {
                    link.setString(1, callId);
                    link.setString(2, callId);
                    link.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
