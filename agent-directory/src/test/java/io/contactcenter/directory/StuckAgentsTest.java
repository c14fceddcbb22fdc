package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.answered;
import static io.contactcenter.directory.DirectoryTestSupport.claim;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.newCallId;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.renewed;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.ncco.ConversationAction;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.support.vonage.VonageRegions;
import io.contactcenter.support.vonage.VonageVoice;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No stuck agents: a reservation past its department's ringing timeout plus the margin is released (a fresh one is
 * not); an agent ON_CALL for long whose leg the Vonage simulator reports ended is released (one whose leg still runs
 * is not). The agents' legs are learnt from their call events on Kafka, as the gateway publishes them.
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
@WithTestResource(SimulatorResource.class)
class StuckAgentsTest {

    @Inject
    EntityManager entityManager;

    private String sales;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
        sales = department(1, "Sales", 0);
    }

    @Test
    void aReservationPastTheRingingTimeoutAndTheMarginIsReleasedAFreshOneIsNot() {
        String jane = phoneAgent("Jane", "+14155550101", sales);
        String joe = phoneAgent("Joe", "+14155550102", sales);
        String jim = phoneAgent("Jim", "+14155550103", sales);
        String lost = newCallId();
        String fresh = newCallId();
        String renewed = newCallId();
        claim(lost, sales).statusCode(200);
        claim(fresh, sales).statusCode(200);
        claim(renewed, sales).statusCode(200);
        // routing still uses it (a callback ringing the caller): the bound counts from the renewal, not the claim
        String renewedAgent = admin().get("/assignments/" + renewed).then().extract().path("agentId");
        renewed(renewed, renewedAgent).statusCode(200);
        age("claimed_at", lost, Duration.ofMinutes(10));
        age("claimed_at", renewed, Duration.ofMinutes(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> "IDLE".equals(state(jane)));
        assertEquals("CANCELLED", admin().get("/assignments/" + lost).then().extract().path("outcome"));
        assertEquals("RESERVED", state(joe), "a reservation within its ringing timeout is kept");
        assertEquals("RESERVED", state(jim), "a renewed reservation is kept");
        // a released reservation cannot be renewed: its agent may be on another call by now
        renewed(lost, jane).statusCode(409);
    }

    @Test
    void anAgentOnCallWhoseLegVonageReportsEndedIsReleasedOneWhoseLegRunsIsNot() throws Exception {
        String ann = phoneAgent("Ann", "447700900501", sales);
        String bob = phoneAgent("Bob", "447700900502", sales);
        endpoint("447700900501", Map.of("behaviour", "answer", "answerAfterSeconds", 0, "hangupAfterSeconds", 1));
        endpoint("447700900502", Map.of("behaviour", "answer", "answerAfterSeconds", 0));
        String annCall = newCallId();
        String bobCall = newCallId();
        claim(annCall, sales).statusCode(200);
        claim(bobCall, sales).statusCode(200);
        answered(annCall, ann).statusCode(200);
        answered(bobCall, bob).statusCode(200);
        String annLeg = createLeg("447700900501");
        String bobLeg = createLeg("447700900502");
        agentLegEvent(annCall, annLeg, ann);
        agentLegEvent(bobCall, bobLeg, bob);
        await().atMost(Duration.ofSeconds(20)).until(() -> legRecorded(annCall) && legRecorded(bobCall));
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(given().baseUri(SimulatorResource.url())
                .get("/simulator/calls/" + annLeg).then().extract().path("status")));
        age("answered_at", annCall, Duration.ofHours(1));
        age("answered_at", bobCall, Duration.ofHours(2));

        await().atMost(Duration.ofSeconds(20)).until(() -> !"ON_CALL".equals(state(ann)));
        assertEquals("COMPLETED", admin().get("/assignments/" + annCall).then().extract().path("outcome"));
        assertEquals("ON_CALL", state(bob), "checked in the same pass, its leg still runs");
    }

    private static String state(String agentId) {
        return admin().get("/agents/" + agentId).then().extract().path("state");
    }

    /** Moves the assignment's time back, as if it had been claimed or answered that long ago. */
    private void age(String column, String callId, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("update directory.assignment set "
                        + column + " = " + column + " - make_interval(secs => cast(:seconds as double precision)) where call_id = :call")
                .setParameter("seconds", ago.toSeconds()).setParameter("call", callId).executeUpdate());
    }

    private boolean legRecorded(String callId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select count(*) from directory.assignment where call_id = :call and agent_leg_id is not null")
                .setParameter("call", callId).getSingleResult()).toString().equals("1");
    }

    private static void endpoint(String number, Map<String, Object> behaviour) {
        Map<String, Object> body = new java.util.HashMap<>(behaviour);
        body.put("type", "phone");
        body.put("value", number);
        given().baseUri(SimulatorResource.url()).contentType("application/json").body(body)
                .put("/simulator/endpoints").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** An agent leg as routing creates it, through the SDK, into a conversation that keeps it up. */
    private static String createLeg(String number) {
        VonageVoice voice = new VonageVoice(SimulatorResource.APPLICATION_ID, SimulatorResource.APPLICATION_KEY.toString(),
                SimulatorResource.url(), new VonageRegions(List.of()), 5000);
        return voice.call(null, client -> client.createCall(Call.builder()
                .to(new com.vonage.client.voice.PhoneEndpoint(number)).from("447700900000")
                .ncco(ConversationAction.builder("cc-" + UUID.randomUUID()).build()).build())).getUuid();
    }

    private static void agentLegEvent(String callId, String legId, String agentId) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", LocalInfra.shared().kafkaBootstrapServers());
        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"version\":1,\"callId\":\"" + callId
                + "\",\"legId\":\"" + legId + "\",\"role\":\"AGENT\",\"agentId\":\"" + agentId
                + "\",\"kind\":\"STATUS\",\"status\":\"answered\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, callId, event)).get();
        }
    }
}
