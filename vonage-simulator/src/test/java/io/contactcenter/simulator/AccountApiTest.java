package io.contactcenter.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.application.Application;
import com.vonage.client.application.ApplicationClient;
import com.vonage.client.application.ApplicationResponseException;
import com.vonage.client.application.capabilities.Region;
import com.vonage.client.application.capabilities.Voice;
import com.vonage.client.application.capabilities.Webhook;
import com.vonage.client.common.HttpMethod;
import com.vonage.client.numbers.AvailableNumber;
import com.vonage.client.numbers.Feature;
import com.vonage.client.numbers.ListNumbersFilter;
import com.vonage.client.numbers.NumbersClient;
import com.vonage.client.numbers.NumbersResponseException;
import com.vonage.client.numbers.OwnedNumber;
import com.vonage.client.numbers.SearchNumbersFilter;
import com.vonage.client.users.User;

import io.contactcenter.simulator.client.AccountClient;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Applications and Numbers APIs driven by the SDK's ApplicationClient and NumbersClient through one base URL
 * override (api and rest hosts alike): validation like Vonage, Basic auth, 404s, the failure switch, and JWTs of a
 * created application accepted by the Users and Voice APIs.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class AccountApiTest extends SimulatorTestBase {

    private static final String KEY = "simulator";
    private static final String SECRET = "simulator-secret";

    private AccountClient account;

    @BeforeEach
    void cleanAccount() {
        account = new AccountClient(simulatorUrl.toString());
        account.reset();
    }

    private VonageClient accountClient(String key, String secret) {
        return VonageClient.builder().apiKey(key).apiSecret(secret)
                .httpConfig(HttpConfig.builder().baseUri(simulatorUrl.toString()).timeoutMillis(10_000).build())
                .build();
    }

    private static Voice voice(String base, Region region) {
        return Voice.builder()
                .answer(Webhook.builder().address(base + "/webhooks/answer").method(HttpMethod.GET)
                        .connectionTimeout(1000).socketTimeout(5000).build())
                .fallbackAnswer(Webhook.builder().address(base + "/webhooks/answer").method(HttpMethod.GET).build())
                .event(Webhook.builder().address(base + "/webhooks/event").method(HttpMethod.POST)
                        .socketTimeout(10000).build())
                .signedCallbacks(true).region(region).build();
    }

    @Test
    void applicationsCrudThroughTheSdk() throws Exception {
        ApplicationClient apps = accountClient(KEY, SECRET).getApplicationClient();
        KeyPair pair = rsa();
        Application created = apps.createApplication(Application.builder().name("cc-test")
                .publicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                .addCapability(voice("https://cc.example.com", Region.EU_WEST)).build());
        assertNotNull(created.getId());
        assertNull(created.getKeys().getPrivateKey(), "no private key when we sent the public one");
        Application read = apps.getApplication(created.getId().toString());
        assertEquals("cc-test", read.getName());
        Voice voice = read.getCapabilities().getVoice();
        assertEquals("https://cc.example.com/webhooks/answer", voice.getWebhooks().get(Webhook.Type.ANSWER).getAddress());
        assertEquals(HttpMethod.POST, voice.getWebhooks().get(Webhook.Type.EVENT).getMethod());
        assertEquals(Region.EU_WEST, voice.getRegion());
        assertEquals(Boolean.TRUE, voice.getSignedCallbacks());
        assertTrue(read.getKeys().getPublicKey().contains("BEGIN PUBLIC KEY"));

        Application updated = apps.updateApplication(Application.builder(read).name("cc-renamed")
                .addCapability(voice("https://other.example.com", Region.NA_EAST)).build());
        assertEquals("cc-renamed", updated.getName());
        assertEquals(Region.NA_EAST, apps.getApplication(created.getId().toString()).getCapabilities().getVoice().getRegion());
        assertEquals(1, apps.listApplications().getApplications().size());
        assertEquals(1, apps.listApplications().getTotalItems());

        Application generated = apps.createApplication(Application.builder().name("no-key")
                .addCapability(voice("https://cc.example.com", null)).build());
        assertTrue(generated.getKeys().getPrivateKey().contains("BEGIN PRIVATE KEY"), "Vonage generates a pair");

        apps.deleteApplication(generated.getId().toString());
        ApplicationResponseException gone = assertThrows(ApplicationResponseException.class,
                () -> apps.getApplication(generated.getId().toString()));
        assertEquals(404, gone.getStatusCode());
    }

    @Test
    void applicationsValidateLikeVonage() {
        given().auth().preemptive().basic(KEY, SECRET).contentType(ContentType.JSON)
                .body(Map.of("name", "", "capabilities", Map.of("voice", Map.of("region", "mars",
                        "webhooks", Map.of("answer_url", Map.of("address", "not a url", "http_method", "PATCH",
                                        "connection_timeout", 5000),
                                "event_url", Map.of("address", "https://x.example.com/e", "http_method", "POST",
                                        "socket_timeout", 20000))))))
                .post(simulatorUrl + "v2/applications")
                .then().statusCode(400)
                .body("type", equalTo("https://developer.nexmo.com/api-errors/application#payload-validation"))
                .body("title", equalTo("Bad Request"))
                .body("invalid_parameters.name", hasItems("name",
                        "capabilities.voice.webhooks.answer_url.address",
                        "capabilities.voice.webhooks.answer_url.http_method",
                        "capabilities.voice.webhooks.answer_url.connection_timeout",
                        "capabilities.voice.webhooks.event_url.socket_timeout",
                        "capabilities.voice.region"));
        given().auth().preemptive().basic(KEY, SECRET).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "keys", Map.of("public_key", "garbage")))
                .post(simulatorUrl + "v2/applications")
                .then().statusCode(400).body("invalid_parameters.name", hasItem("keys.public_key"));
        given().auth().preemptive().basic(KEY, SECRET).get(simulatorUrl + "v2/applications?page_size=0")
                .then().statusCode(400).body("invalid_parameters[0].name", equalTo("page_size"));
        given().auth().preemptive().basic(KEY, SECRET).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .put(simulatorUrl + "v2/applications/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).body("title", equalTo("Not Found"));

        ApplicationResponseException wrong = assertThrows(ApplicationResponseException.class,
                () -> accountClient(KEY, "wrong").getApplicationClient().listApplications());
        assertEquals(401, wrong.getStatusCode());
        given().get(simulatorUrl + "v2/applications").then().statusCode(401)
                .body("title", equalTo("Invalid credentials supplied"));
    }

    @Test
    void numbersSearchBuyLinkAndListThroughTheSdk() {
        VonageClient client = accountClient(KEY, SECRET);
        NumbersClient numbers = client.getNumbersClient();
        Application app = client.getApplicationClient().createApplication(Application.builder().name("numbers")
                .addCapability(voice("https://cc.example.com", null)).build());

        AvailableNumber[] found = numbers.searchNumbers(SearchNumbersFilter.builder().country("GB")
                .features(Feature.VOICE).size(5).build()).getNumbers();
        assertEquals(5, found.length);
        String msisdn = found[0].getMsisdn();
        numbers.buyNumber("GB", msisdn);
        NumbersResponseException twice = assertThrows(NumbersResponseException.class, () -> numbers.buyNumber("GB", msisdn));
        assertEquals(420, twice.getStatusCode());
        assertEquals("method failed", twice.getErrorCodeLabel());

        numbers.linkNumber(msisdn, "GB", app.getId().toString());
        List<OwnedNumber> linked = numbers.listNumbers(ListNumbersFilter.builder().applicationId(app.getId()).build());
        assertEquals(1, linked.size());
        assertEquals(msisdn, linked.get(0).getMsisdn());
        assertEquals(app.getId(), linked.get(0).getAppId());
        assertEquals(2, numbers.listNumbers().size(), "the initial contact-center number and the bought one");

        NumbersResponseException notOwned = assertThrows(NumbersResponseException.class,
                () -> numbers.linkNumber("442079460099", "GB", app.getId().toString()));
        assertEquals(420, notOwned.getStatusCode());
        NumbersResponseException unknownApp = assertThrows(NumbersResponseException.class,
                () -> numbers.linkNumber(msisdn, "GB", "00000000-0000-0000-0000-000000000000"));
        assertEquals(420, unknownApp.getStatusCode());
        NumbersResponseException refused = assertThrows(NumbersResponseException.class,
                () -> accountClient(KEY, "wrong").getNumbersClient().listNumbers());
        assertEquals(401, refused.getStatusCode());
        assertEquals("authentication failed", refused.getErrorCodeLabel());
        given().get(simulatorUrl + "number/search").then().statusCode(401);
        given().auth().preemptive().basic(KEY, SECRET).get(simulatorUrl + "number/search")
                .then().statusCode(400).body("error-code", equalTo("400"));
        given().auth().preemptive().basic(KEY, SECRET).get(simulatorUrl + "number/search?country=GB&size=500")
                .then().statusCode(400);
    }

    @Test
    void failureSwitchFailsTheNextRequestsOfOneEndpointOnly() {
        NumbersClient numbers = accountClient(KEY, SECRET).getNumbersClient();
        account.failNext("POST", "/number/buy", 500, 1);
        String msisdn = numbers.searchNumbers("GB").getNumbers()[0].getMsisdn();
        NumbersResponseException failed = assertThrows(NumbersResponseException.class, () -> numbers.buyNumber("GB", msisdn));
        assertEquals(500, failed.getStatusCode());
        numbers.buyNumber("GB", msisdn);
        JsonNode view = account.account();
        assertEquals(0, view.get("failures").size());
        assertTrue(view.get("numbers").findValuesAsText("msisdn").contains(msisdn));
        given().contentType(ContentType.JSON).body(Map.of("method", "FETCH", "path", "/x", "status", 500, "count", 1))
                .put(simulatorUrl + "simulator/failures").then().statusCode(400);
    }

    @Test
    void createdApplicationsSignJwtsForTheUsersAndVoiceApis() throws Exception {
        KeyPair pair = rsa();
        Application app = accountClient(KEY, SECRET).getApplicationClient().createApplication(Application.builder()
                .name("jwt").publicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                .addCapability(voice("https://cc.example.com", null)).build());
        VonageClient asApp = VonageClient.builder().applicationId(app.getId())
                .privateKeyContents(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))
                .httpConfig(HttpConfig.builder().baseUri(simulatorUrl.toString()).build()).build();
        User alice = asApp.getUsersClient().createUser(User.builder().name("alice").build());
        assertTrue(alice.getId().startsWith("USR-"));
        assertNotNull(asApp.getVoiceClient().listCalls(), "the Voice API accepts the created application's JWT");
        VonageClient foreign = VonageClient.builder().applicationId(app.getId())
                .privateKeyContents(SimulatorTestResource.otherPrivateKeyPem())
                .httpConfig(HttpConfig.builder().baseUri(simulatorUrl.toString()).build()).build();
        assertThrows(RuntimeException.class, () -> foreign.getUsersClient().listUsers());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
