package io.contactcenter.directory;

import static io.contactcenter.directory.DirectoryTestSupport.admin;
import static io.contactcenter.directory.DirectoryTestSupport.as;
import static io.contactcenter.directory.DirectoryTestSupport.asService;
import static io.contactcenter.directory.DirectoryTestSupport.department;
import static io.contactcenter.directory.DirectoryTestSupport.phoneAgent;
import static io.contactcenter.directory.DirectoryTestSupport.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's-wait settings of a department: hold music (own https URL or off), opening hours with holidays
 * (validated: 400 problem+json), and the messages callers leave while it is closed (stored by the gateway once per call,
 * read by the department's agents, supervisors and admins only).
 */
@QuarkusTest
@WithTestResource(DirectoryInfra.class)
class OpeningHoursAndVoicemailTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void cleanDirectory() {
        DirectoryTestSupport.wipe(entityManager);
    }

    @Test
    void holdMusicIsOnByDefaultAndADepartmentMayNameItsOwnHttpsTrackOrSwitchItOff() {
        String sales = department(1, "Sales", 5);
        admin().get("/departments/" + sales).then().statusCode(200)
                .body("musicOnHold", equalTo(true)).body("musicOnHoldUrl", nullValue())
                .body("voicemailEnabled", equalTo(true)).body("openingHours", nullValue());

        admin().body(Map.of("digit", 1, "name", "Sales", "musicOnHoldUrl", "https://media.example.com/jazz.mp3"))
                .put("/departments/" + sales).then().statusCode(200)
                .body("musicOnHold", equalTo(true)).body("musicOnHoldUrl", equalTo("https://media.example.com/jazz.mp3"));
        admin().body(Map.of("digit", 1, "name", "Sales", "musicOnHold", false, "voicemailEnabled", false))
                .put("/departments/" + sales).then().statusCode(200)
                .body("musicOnHold", equalTo(false)).body("voicemailEnabled", equalTo(false));

        for (String bad : List.of("http://media.example.com/jazz.mp3", "ftp://x/y.mp3", "jazz.mp3", "https://",
                "https://user:pw@media.example.com/a.mp3", "https://exa mple.com/a.mp3")) {
            admin().body(Map.of("digit", 1, "name", "Sales", "musicOnHoldUrl", bad)).put("/departments/" + sales)
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("musicOnHoldUrl"));
        }
    }

    @Test
    void openingHoursAreStoredNormalizedAndShownWithTheDepartment() {
        String sales = department(1, "Sales", 5);
        admin().get("/departments/" + sales + "/opening-hours").then().statusCode(404).contentType(PROBLEM);
        admin().body("""
                {"timeZone":"Europe/London",
                 "weekly":[{"day":"tuesday","opens":"13:00","closes":"17:30"},{"day":"MONDAY","opens":"09:00","closes":"12:00"},
                           {"day":"MONDAY","opens":"12:00","closes":"24:00"},{"day":"TUESDAY","opens":"09:00","closes":"12:00"}],
                 "closures":[{"date":"2026-12-28","name":" Boxing Day (substitute) "},{"date":"2026-12-25","name":"Christmas Day"}]}""")
                .put("/departments/" + sales + "/opening-hours").then().statusCode(200)
                .body("timeZone", equalTo("Europe/London"))
                .body("weekly.day", contains("MONDAY", "MONDAY", "TUESDAY", "TUESDAY"))
                .body("weekly.opens", contains("09:00", "12:00", "09:00", "13:00"))
                .body("weekly.closes", contains("12:00", "24:00", "12:00", "17:30"))
                .body("closures.date", contains("2026-12-25", "2026-12-28"))
                .body("closures[1].name", equalTo("Boxing Day (substitute)"));
        // the gateway reads them with the menu
        asService("gateway").get("/departments").then().statusCode(200)
                .body("[0].openingHours.timeZone", equalTo("Europe/London"))
                .body("[0].openingHours.weekly", hasSize(4))
                .body("[0].openingHours.closures", hasSize(2));
        // replacing the department keeps them; DELETE makes it always open again
        admin().body(Map.of("digit", 1, "name", "Sales")).put("/departments/" + sales).then().statusCode(200)
                .body("openingHours.timeZone", equalTo("Europe/London"));
        as("agent-x", "agent").delete("/departments/" + sales + "/opening-hours").then().statusCode(403);
        admin().delete("/departments/" + sales + "/opening-hours").then().statusCode(204);
        admin().get("/departments/" + sales).then().body("openingHours", nullValue());
    }

    @Test
    void badOpeningHoursAre400ProblemJsonNamingTheProblemAndChangeNothing() {
        String sales = department(1, "Sales", 5);
        Map<String, String> bad = Map.ofEntries(
                Map.entry("{\"timeZone\":\"Mars/Olympus\",\"weekly\":[]}", "unknown time zone"),
                Map.entry("{\"timeZone\":\"+02:00\",\"weekly\":[]}", "unknown time zone"),
                Map.entry("{\"weekly\":[]}", "timeZone"),
                Map.entry("{\"timeZone\":\"UTC\"}", "weekly"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"17:00\",\"closes\":\"09:00\"}"), "ends before it starts"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"09:00\",\"closes\":\"09:00\"}"), "ends before it starts"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"24:00\",\"closes\":\"24:00\"}"), "24:00"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"-01:00\",\"closes\":\"09:00\"}"), "not a time of day"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"09:00\",\"closes\":\"25:00\"}"), "not a time of day"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"9am\",\"closes\":\"17:00\"}"), "not a time of day"),
                Map.entry(hours("{\"day\":\"FUNDAY\",\"opens\":\"09:00\",\"closes\":\"17:00\"}"), "not a day"),
                Map.entry(hours("{\"day\":\"MONDAY\",\"opens\":\"09:00\",\"closes\":\"13:00\"},"
                        + "{\"day\":\"MONDAY\",\"opens\":\"12:00\",\"closes\":\"17:00\"}"), "overlaps"),
                Map.entry(hours("{\"day\":\"FRIDAY\",\"opens\":\"08:00\",\"closes\":\"20:00\"},"
                        + "{\"day\":\"FRIDAY\",\"opens\":\"10:00\",\"closes\":\"11:00\"}"), "overlaps"),
                Map.entry("{\"timeZone\":\"UTC\",\"weekly\":[],\"closures\":[{\"date\":\"2026-02-30\"}]}", "not a date"),
                Map.entry("{\"timeZone\":\"UTC\",\"weekly\":[],\"closures\":[{\"date\":\"2026-12-25\"},{\"date\":\"2026-12-25\"}]}",
                        "listed twice"),
                Map.entry("{\"timeZone\":\"UTC\",\"weekly\":[null]}", "weekly"),
                Map.entry("[]", ""),
                Map.entry("{\"timeZone\":\"UTC\",\"weekly\":\"always\"}", ""));
        bad.forEach((body, problem) -> admin().body(body).put("/departments/" + sales + "/opening-hours").then()
                .statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                .body(problem.isEmpty() ? "title" : "detail", containsString(problem.isEmpty() ? "Bad" : problem)));
        admin().get("/departments/" + sales + "/opening-hours").then().statusCode(404);
        admin().body(hours("{\"day\":\"MONDAY\",\"opens\":\"09:00\",\"closes\":\"17:00\"}"))
                .put("/departments/" + UUID.randomUUID() + "/opening-hours").then().statusCode(404).contentType(PROBLEM);
    }

    private static String hours(String intervals) {
        return "{\"timeZone\":\"America/New_York\",\"weekly\":[" + intervals + "]}";
    }

    @Test
    void theGatewayStoresAMessageOncePerCallAndTheDepartmentReadsIt() {
        String sales = department(1, "Sales", 5);
        String support = department(2, "Support", 5);
        String jane = phoneAgent("Jane", "14155550101", sales);
        String joe = phoneAgent("Joe", "14155550102", support);
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> message = Map.of("callId", callId, "departmentId", sales, "callerNumber", "447700900001",
                "recordingUrl", "https://api.nexmo.com/v1/files/rec-1", "recordingUuid", "rec-1",
                "durationSeconds", 42, "recordedAt", "2026-03-02T12:00:00Z");

        String id = asService("gateway").body(message).post("/voicemails").then().statusCode(201)
                .body("callId", equalTo(callId)).body("departmentId", equalTo(sales))
                .extract().path("id");
        // Vonage's retry: the first message, not a second one
        asService("gateway").body(Map.of("callId", callId, "departmentId", sales,
                        "recordingUrl", "https://api.nexmo.com/v1/files/other")).post("/voicemails").then()
                .statusCode(201).body("id", equalTo(id)).body("recordingUrl", equalTo("https://api.nexmo.com/v1/files/rec-1"));

        as(jane, "agent").get("/departments/" + sales + "/voicemails").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].callerNumber", equalTo("447700900001"))
                .body("[0].recordingUrl", equalTo("https://api.nexmo.com/v1/files/rec-1"))
                .body("[0].durationSeconds", equalTo(42))
                .body("[0].recordedAt", equalTo("2026-03-02T12:00:00Z"));
        supervisor().get("/departments/" + sales + "/voicemails").then().statusCode(200).body("$", hasSize(1));
        admin().get("/departments/" + support + "/voicemails").then().statusCode(200).body("$", hasSize(0));
        // another department's agent, the services, nobody: refused
        as(joe, "agent").get("/departments/" + sales + "/voicemails").then().statusCode(403).contentType(PROBLEM);
        asService("gateway").get("/departments/" + sales + "/voicemails").then().statusCode(403);
        asService("routing").get("/departments/" + sales + "/voicemails").then().statusCode(403);
        given().get("/departments/" + sales + "/voicemails").then().statusCode(401);
        // only the gateway (and admins) report messages
        asService("routing").body(message).post("/voicemails").then().statusCode(403);
        as(jane, "agent").body(message).post("/voicemails").then().statusCode(403);
        admin().get("/departments/" + UUID.randomUUID() + "/voicemails").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aBadMessageIs400AndOneForAnUnknownDepartment404() {
        String sales = department(1, "Sales", 5);
        List<Map<String, Object>> bad = List.of(
                Map.of("departmentId", sales, "recordingUrl", "https://api.nexmo.com/v1/files/x"),
                Map.of("callId", "c1", "recordingUrl", "https://api.nexmo.com/v1/files/x"),
                Map.of("callId", "c1", "departmentId", sales),
                Map.of("callId", "c1", "departmentId", sales, "recordingUrl", "javascript:alert(1)"),
                Map.of("callId", "c1", "departmentId", sales, "recordingUrl", "https://x/y", "durationSeconds", -1),
                Map.of("callId", "c1", "departmentId", "not-a-uuid", "recordingUrl", "https://x/y"));
        for (Map<String, Object> body : bad) {
            asService("gateway").body(body).post("/voicemails").then().statusCode(400).contentType(PROBLEM);
        }
        asService("gateway").body(Map.of("callId", "c1", "departmentId", UUID.randomUUID(), "recordingUrl", "https://x/y"))
                .post("/voicemails").then().statusCode(404).contentType(PROBLEM);
        admin().get("/departments/" + sales + "/voicemails?limit=0").then().statusCode(400).contentType(PROBLEM);
    }
}
