package io.contactcenter.directory;

import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The directory's tests' infrastructure: local-infra's PostgreSQL (database {@code directory}) and Kafka, its token
 * keys, the issuer's private key as the directory's signing key for agents' sign-in tokens, and a stand-in for
 * survey-service's agent summary.
 */
public class DirectoryInfra extends LocalInfraResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "directory", "kafka", "true"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("AUTH_SIGNING_KEY_LOCATION", LocalInfra.shared().authKeys().privateKeyFile().toString());
        config.put("SURVEY_URL", SurveyStandIn.url());
        return config;
    }
}
