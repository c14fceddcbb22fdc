package io.contactcenter.simulator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.voice.VoiceClient;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.SimulatorClient;
import io.contactcenter.simulator.testing.ContactCenterStub.Received;
import io.contactcenter.simulator.testing.ContactCenterStub.Reply;
import io.quarkus.test.common.http.TestHTTPResource;

/** Shared wiring: the simulator's URL, a Vonage SDK client aimed at it, the contact-center stub with defaults. */
public abstract class SimulatorTestBase {

    public static final String GREETING = "Welcome to the contact center. Press 1 for Sales, press 2 for Support.";

    @TestHTTPResource("/")
    protected URL simulatorUrl;

    protected SimulatorClient simulator;
    protected ContactCenterStub cc;

    @BeforeEach
    void wire() {
        simulator = new SimulatorClient(simulatorUrl.toString());
        simulator.reset();
        cc = SimulatorTestResource.contactCenter();
        cc.clearHandlers();
        defaultContactCenter();
    }

    /** Answer: greeting (bargeIn) + one-digit input; input 1: connecting + queue conversation; survey: thanks. */
    protected void defaultContactCenter() {
        cc.on("/webhooks/answer", r -> Reply.json(new Ncco(
                TalkAction.builder(GREETING).bargeIn(true).build(),
                InputAction.builder().dtmf(DtmfSettings.builder().maxDigits(1).timeOut(5).build())
                        .eventUrl(cc.url("/webhooks/input")).build()).toJson()));
        cc.on("/webhooks/input", r -> {
            String digits = r.json().path("dtmf").path("digits").asText();
            if ("1".equals(digits)) {
                return Reply.json(new Ncco(TalkAction.builder("Please wait while we connect you to Sales.").build(),
                        ConversationAction.builder("cc-" + r.field("uuid")).startOnEnter(false).endOnExit(false)
                                .musicOnHoldUrl("https://example.com/moh.mp3").build()).toJson());
            }
            return Reply.json(new Ncco(TalkAction.builder("Sorry, goodbye.").build()).toJson());
        });
        cc.on("/webhooks/survey", r -> Reply.json(new Ncco(TalkAction.builder("Thank you, you rated us "
                + r.json().path("dtmf").path("digits").asText() + ".").build()).toJson()));
        cc.on("/webhooks/fallback", r -> Reply.json(new Ncco(TalkAction.builder("This is the fallback.").build()).toJson()));
    }

    protected VonageClient vonage() {
        return vonage(SimulatorTestResource.privateKeyPem());
    }

    protected VonageClient vonage(String privateKeyPem) {
        String base = simulatorUrl.toString().replaceAll("/$", "");
        return VonageClient.builder()
                .applicationId(SimulatorTestResource.APPLICATION_ID)
                .privateKeyContents(privateKeyPem)
                .httpConfig(HttpConfig.builder().apiBaseUri(base).timeoutMillis(10_000).build())
                .build();
    }

    /** Waits until the stub received requests matching the filter (at least {@code count}). */
    protected List<Received> await(Predicate<Received> filter, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<Received> found = cc.received(filter);
            if (found.size() >= count) {
                return found;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("expected " + count + " matching webhooks, got " + found.size() + " of "
                        + cc.received().stream().map(r -> r.method() + " " + r.path() + " " + r.body() + r.query()).toList());
            }
            sleep(Duration.ofMillis(20));
        }
    }

    protected static Predicate<Received> event(String legId, String status) {
        return r -> "/webhooks/event".equals(r.path()) && legId.equals(r.field("uuid")) && status.equals(r.field("status"));
    }

    /** The webhook carries a valid Vonage signature: the SDK verifier accepts it and payload_hash matches the body. */
    protected static void assertSigned(Received r) {
        assertNotNull(r.authorization(), "Authorization header on " + r.path());
        assertTrue(r.authorization().startsWith("Bearer "));
        String token = r.authorization().substring(7);
        assertTrue(VoiceClient.verifySignature(token, SimulatorTestResource.SIGNATURE_SECRET), "SDK verifies the signature");
        assertTrue(!VoiceClient.verifySignature(token, "another-secret-another-secret-00"), "a wrong secret fails");
        DecodedJWT jwt = JWT.decode(token);
        assertEquals("HS256", jwt.getAlgorithm());
        assertEquals("Vonage", jwt.getIssuer());
        assertNotNull(jwt.getId());
        assertEquals(SimulatorTestResource.APPLICATION_ID, jwt.getClaim("application_id").asString());
        assertNotNull(jwt.getClaim("api_key").asString());
        assertTrue(jwt.getIssuedAtAsInstant().toEpochMilli() <= System.currentTimeMillis());
        assertEquals(sha256(r.body()), jwt.getClaim("payload_hash").asString(), "payload_hash = sha256 of the body");
    }

    protected static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
