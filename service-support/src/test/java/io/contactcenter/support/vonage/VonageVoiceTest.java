package io.contactcenter.support.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests go, with the application's bearer JWT, to the region that serves the call. */
class VonageVoiceTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer defaultRegion;
    private HttpServer otherRegion;
    private String pem;

    @BeforeEach
    void start() throws Exception {
        defaultRegion = server("default");
        otherRegion = server("other");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @AfterEach
    void stop() {
        defaultRegion.stop(0);
        otherRegion.stop(0);
    }

    @Test
    void transfersGoToTheCallsRegionAndUnknownRegionsToTheDefault() {
        VonageVoice voice = voice();
        Ncco ncco = new Ncco(TalkAction.builder("hello").build());

        voice.call(url(otherRegion), client -> {
            client.transferCall("leg-1", ncco);
            return null;
        });
        voice.call(null, client -> {
            client.transferCall("leg-2", ncco);
            return null;
        });

        assertEquals(2, received.size());
        assertTrue(received.get(0).startsWith("other PUT /v1/calls/leg-1 Bearer ey"), received.get(0));
        assertTrue(received.get(0).contains("\"action\":\"transfer\""), received.get(0));
        assertTrue(received.get(1).startsWith("default PUT /v1/calls/leg-2 Bearer ey"), received.get(1));
    }

    /** A region that is not allow-listed never sees the application's JWT: the request goes to the default base. */
    @Test
    void aRegionOutsideTheAllowListGetsNoRequestAndTheDefaultIsUsed() {
        Ncco ncco = new Ncco(TalkAction.builder("hello").build());
        VonageVoice onlyDefault = new VonageVoice("aaaaaaaa-bbbb-cccc-dddd-0123456789ab", pem, url(defaultRegion),
                new VonageRegions(VonageRegions.VONAGE_HOSTS), 2000);

        onlyDefault.call(url(otherRegion), client -> {
            client.transferCall("leg-1", ncco);
            return null;
        });

        assertEquals(1, received.size());
        assertTrue(received.get(0).startsWith("default PUT /v1/calls/leg-1 Bearer ey"), received.get(0));
    }

    /** A transfer to a preserialized NCCO sends the body a transfer to the same plain NCCO sends. */
    @Test
    void aPreserializedNccoIsSentAsTheSdkWouldSendIt() {
        VonageVoice voice = voice();
        TalkAction prompt = TalkAction.builder("Please rate the call from 1 to 5").build();
        InputAction digit = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(5).build())
                .eventUrl("https://gateway.example/webhooks/survey")
                .build();

        voice.call(null, client -> {
            client.transferCall("leg-1", new Ncco(prompt, digit));
            client.transferCall("leg-1", new PreserializedNcco(prompt, digit));
            return null;
        });

        assertEquals(2, received.size());
        assertEquals(body(received.get(0)), body(received.get(1)));
        assertTrue(body(received.get(1)).contains("\"eventUrl\":[\"https://gateway.example/webhooks/survey\"]"),
                received.get(1));
    }

    /** One RSA signature serves many requests: concurrent ones on several clients, in several regions. */
    @Test
    void theApplicationJwtIsSignedOnceAndReusedByEveryRequest() throws Exception {
        VonageVoice voice = voice();
        Ncco ncco = new Ncco(TalkAction.builder("hello").build());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String region = i % 2 == 0 ? url(otherRegion) : null;
                String leg = "leg-" + i;
                requests.add(threads.submit(() -> voice.call(region, client -> {
                    client.transferCall(leg, ncco);
                    return null;
                })));
            }
            for (Future<?> request : requests) {
                request.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        Set<String> tokens = received.stream().map(line -> line.split(" ")[4]).collect(Collectors.toSet());
        assertEquals(8, received.size());
        assertEquals(1, tokens.size(), tokens.toString());
    }

    @Test
    void aReusedTokenIsSignedAgainOnceTheReusePeriodIsOver() throws Exception {
        var jwt = new VonageVoice.ReusedApplicationJwt("aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
                pem.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(200));
        String first = jwt.generateToken();
        assertEquals(first, jwt.generateToken());
        Thread.sleep(250);
        String second = jwt.generateToken();
        assertNotEquals(first, second);
        assertEquals(second, jwt.generateToken());
    }

    @Test
    void anUnusableKeyFailsWhenTheClientIsMadeNotOnTheFirstRequest() {
        assertThrows(RuntimeException.class, () -> new VonageVoice("aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n", url(defaultRegion),
                new VonageRegions(List.of()), 2000));
    }

    private VonageVoice voice() {
        return new VonageVoice("aaaaaaaa-bbbb-cccc-dddd-0123456789ab", pem, url(defaultRegion),
                new VonageRegions(List.of(url(otherRegion))), 2000);
    }

    private HttpServer server(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String body(String received) {
        return received.substring(received.indexOf(" {") + 1);
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
