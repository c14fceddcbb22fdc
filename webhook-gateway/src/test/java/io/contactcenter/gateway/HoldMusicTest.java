package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hold music on by default: the built-in track served at {@code /audio/hold.wav} (a real WAV, cacheable, byte ranges)
 * and named in every parking NCCO of a department without its own URL; a department's own URL, or no music at all.
 */
@QuarkusTest
@TestProfile(BuiltInHoldMusicProfile.class)
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class HoldMusicTest {

    static final String BUILT_IN = "https://gateway.test/audio/hold.wav";

    @AfterEach
    void restore() {
        DirectoryStub.reset();
    }

    @Test
    void theBuiltInTrackIsARealWavOfHalfAMinuteCacheableAndRangeFriendly() {
        var response = given().get("/audio/hold.wav").then().statusCode(200)
                .contentType("audio/wav")
                .header("Cache-Control", containsString("max-age="))
                .header("Accept-Ranges", "bytes")
                .extract();
        byte[] wav = response.asByteArray();
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.length - 8, header.getInt(4));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals("fmt ", new String(wav, 12, 4, StandardCharsets.US_ASCII));
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(1, header.getShort(22), "mono");
        int rate = header.getInt(24);
        assertEquals(16_000, rate);
        assertEquals(16, header.getShort(34), "bits per sample");
        assertEquals("data", new String(wav, 36, 4, StandardCharsets.US_ASCII));
        int dataBytes = header.getInt(40);
        assertEquals(wav.length - 44, dataBytes);
        double seconds = dataBytes / 2.0 / rate;
        assertTrue(seconds >= 30, "a loop long enough not to annoy: " + seconds + " s");
        // not silence: a healthy level, never clipping
        int peak = 0;
        long energy = 0;
        for (int i = 44; i < wav.length; i += 2) {
            int sample = Math.abs(header.getShort(i));
            peak = Math.max(peak, sample);
            energy += (long) sample * sample;
        }
        double rms = Math.sqrt(energy / (dataBytes / 2.0));
        assertTrue(peak > 10_000 && peak < Short.MAX_VALUE, "peak " + peak);
        assertTrue(rms > 2_000, "rms " + rms);

        String etag = response.header("ETag");
        given().header("If-None-Match", etag).get("/audio/hold.wav").then().statusCode(304);
        byte[] part = given().header("Range", "bytes=0-43").get("/audio/hold.wav").then().statusCode(206)
                .header("Content-Range", "bytes 0-43/" + wav.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, 0, 44), part);
        byte[] tail = given().header("Range", "bytes=-100").get("/audio/hold.wav").then().statusCode(206)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(wav, wav.length - 100, wav.length), tail);
        given().header("Range", "bytes=" + wav.length + "-").get("/audio/hold.wav").then().statusCode(416)
                .header("Content-Range", "bytes */" + wav.length);
        // the same bytes on every request (and every replica: synthesized, no randomness)
        assertArrayEquals(wav, given().get("/audio/hold.wav").then().extract().asByteArray());
    }

    @Test
    void everyDepartmentWithoutItsOwnUrlWaitsToTheBuiltInTrackAndADepartmentMaySwitchMusicOff() {
        DirectoryStub.departments("""
                [{"id":"d-sales","digit":1,"name":"Sales","spokenName":"Sales"},
                 {"id":"d-own","digit":2,"name":"Jazz","spokenName":"Jazz","musicOnHold":true,
                  "musicOnHoldUrl":"https://media.example.com/jazz.mp3"},
                 {"id":"d-quiet","digit":3,"name":"Quiet","spokenName":"Quiet","musicOnHold":false}]""");
        await().atMost(Duration.ofSeconds(30)).until(() -> DirectoryOutageTest.answer().contains("for Quiet press 3"));

        assertEquals(BUILT_IN, parked("1").path("musicOnHoldUrl").get(0).asText());
        assertEquals("https://media.example.com/jazz.mp3", parked("2").path("musicOnHoldUrl").get(0).asText());
        JsonNode quiet = parked("3");
        assertEquals("conversation", quiet.path("action").asText());
        assertFalse(quiet.has("musicOnHoldUrl"), quiet.toString());
    }

    /** The conversation action the caller is parked in after pressing {@code digit}. */
    private static JsonNode parked(String digit) {
        String ncco = Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"),
                MenuInputWebhookTest.input(UUID.randomUUID().toString(), "{\"digits\":\"" + digit + "\"}"))
                .then().statusCode(200).extract().asString();
        return Json.parse(ncco).get(1);
    }
}
