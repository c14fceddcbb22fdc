package io.contactcenter.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every NCCO the gateway answers with is one Vonage accepts (SDK model and published schema, see NccoValidity). */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(DirectoryStub.class)
class NccoValidityTest {

    @Test
    void everyNccoOfTheGatewayIsValid() {
        DirectoryStub.reset();
        String uuid = UUID.randomUUID().toString();
        List<String> nccos = List.of(
                given().urlEncodingEnabled(false).header("Authorization", VonageSigner.bearer(""))
                        .get("/webhooks/answer?uuid=" + uuid + "&from=447700900001&region_url=https%3A%2F%2Fapi-eu-3.vonage.com")
                        .then().statusCode(200).extract().asString(),
                Webhooks.post("/webhooks/answer", "{\"uuid\":\"" + uuid + "\",\"from_user\":\"jane\",\"to\":\"447700900555\"}")
                        .then().statusCode(200).extract().asString(),
                Webhooks.post("/webhooks/answer", "{\"uuid\":\"" + uuid + "\",\"from_user\":\"eve\",\"to\":\"447700900555\"}")
                        .then().statusCode(200).extract().asString(),
                Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), MenuInputWebhookTest.input(uuid, "{\"digits\":\"1\"}"))
                        .then().statusCode(200).extract().asString(),
                Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "1"), MenuInputWebhookTest.input(uuid, "{\"digits\":\"#\"}"))
                        .then().statusCode(200).extract().asString(),
                Webhooks.post(Webhooks.url("/webhooks/input", "attempt", "3"), MenuInputWebhookTest.input(uuid, "{\"digits\":\"#\"}"))
                        .then().statusCode(200).extract().asString(),
                Webhooks.post("/webhooks/survey", SurveyWebhookTest.input(uuid, "{\"digits\":\"5\"}"))
                        .then().statusCode(200).extract().asString(),
                Webhooks.post("/webhooks/survey", SurveyWebhookTest.input(uuid, "{\"digits\":\"9\"}"))
                        .then().statusCode(200).extract().asString(),
                Webhooks.post(Webhooks.url("/webhooks/survey", "attempt", "2"), SurveyWebhookTest.input(uuid, "{\"digits\":\"9\"}"))
                        .then().statusCode(200).extract().asString());
        nccos.forEach(NccoValidity::assertValid);
    }

    @Test
    void theCheckRejectsBrokenNccos() {
        assertThrows(AssertionError.class, () -> NccoValidity.assertValid("[{\"action\":\"talk\"}]"));
        assertThrows(AssertionError.class, () -> NccoValidity.assertValid(
                "[{\"endpoint\":[{\"number\":\"not-a-number\",\"type\":\"phone\"}],\"action\":\"connect\"}]"));
        assertThrows(AssertionError.class, () -> NccoValidity.assertValid(
                "[{\"name\":\"cc-1\",\"startOnEnter\":\"no\",\"action\":\"conversation\"}]"));
        assertThrows(AssertionError.class, () -> NccoValidity.assertValid(
                "[{\"type\":[\"dtmf\"],\"dtmf\":{\"maxDigits\":4,\"timeOut\":5},\"eventUrl\":[\"https://x\"],\"action\":\"input\"}]"));
        assertThrows(AssertionError.class, () -> NccoValidity.assertValid("[]"));
    }
}
