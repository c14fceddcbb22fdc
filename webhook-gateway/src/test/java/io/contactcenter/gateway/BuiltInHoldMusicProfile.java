package io.contactcenter.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** No operator-wide hold music URL: departments without their own get the gateway's built-in track. */
public class BuiltInHoldMusicProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.menu.music-on-hold-url", "");
    }
}
