package io.contactcenter.survey.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Points the survey service at the {@link Stubs} and fixes the survey's prompt and timeout for the tests. */
public class StubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROMPT = "Please rate the service from 1 to 5";
    public static final int INPUT_TIMEOUT = 3;
    public static final String GATEWAY = "https://gateway.example.com";
    /** The closing NCCO a caller without a survey is transferred to (application.properties' default text). */
    public static final JsonNode CLOSING_NCCO = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance
            .objectNode().put("text", "Thank you for calling. Goodbye.").put("action", "talk"));

    @Override
    public Map<String, String> start() {
        Stubs stubs = Stubs.shared();
        Map<String, String> config = new HashMap<>();
        config.put("survey.vonage.application-id", VonageStub.APPLICATION_ID);
        config.put("survey.vonage.private-key", stubs.vonage.privateKeyPem());
        config.put("survey.vonage.api-base-url", stubs.vonage.defaultUrl());
        config.put("survey.vonage.region-allowlist", stubs.vonage.regionalUrl());
        config.put("survey.vonage.timeout", "2s");
        config.put("survey.gateway-public-url", GATEWAY);
        config.put("quarkus.rest-client.directory.url", stubs.directory.url());
        config.put("directory.service-key", stubs.directory.serviceKeyFile());
        config.put("survey.prompt", PROMPT);
        config.put("survey.input-timeout-seconds", String.valueOf(INPUT_TIMEOUT));
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}
