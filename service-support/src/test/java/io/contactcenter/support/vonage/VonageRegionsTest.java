package io.contactcenter.support.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VonageRegionsTest {

    private final VonageRegions vonage = new VonageRegions(VonageRegions.VONAGE_HOSTS);

    @ParameterizedTest
    @ValueSource(strings = {"https://api.nexmo.com", "https://api-us-3.vonage.com", "https://api-eu-4.vonage.com/",
            "https://API-AP-3.VONAGE.COM", "https://api-us-1.nexmo.com", "https://api-us-3.vonage.com:443"})
    void vonagesDocumentedHostsAreAllowed(String url) {
        assertTrue(vonage.allowed(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api-us-3.vonage.com", "https://api-us-3.vonage.com.attacker.example",
            "https://attacker.example/api-us-3.vonage.com", "https://api-us-3.vonage.com@attacker.example",
            "https://user@api-us-3.vonage.com", "https://api-us-3.vonage.com:8443", "https://api-us-3.vonage.com/v1",
            "https://api-us-3.vonage.com?x=1", "https://api-us-3.vonage.com#x", "https://evil.api-us-3.vonage.com",
            "https://api-.vonage.com", "https://api-us-3xvonage.com", "https://apixnexmo.com", "ftp://api.nexmo.com",
            "api-us-3.vonage.com", "https://api-us-3.vonage.com\n", "http://127.0.0.1:8090", " ", "%%%"})
    void anythingElseIsRefused(String url) {
        assertFalse(vonage.allowed(url), url);
    }

    @Test
    void testHostsAreAllowedOnlyWhenListedWithTheirPort() {
        VonageRegions test = new VonageRegions(List.of("http://127.0.0.1:8090", "http://127.0.0.2:8090"));
        assertTrue(test.allowed("http://127.0.0.1:8090"));
        assertTrue(test.allowed("http://127.0.0.2:8090/"));
        assertFalse(test.allowed("http://127.0.0.3:8090"));
        assertFalse(test.allowed("http://127.0.0.1:8091"));
        assertFalse(test.allowed("https://api-us-3.vonage.com"));
    }

    @Test
    void aRefusedRegionIsCountedOncePerCallAndReplacedByTheDefault() {
        assertEquals("https://api-eu-3.vonage.com", vonage.checked("call-1", " https://api-eu-3.vonage.com "));
        assertNull(vonage.checked("call-2", "https://attacker.example"));
        assertNull(vonage.checked("call-2", "https://attacker.example"));
        assertNull(vonage.checked("call-3", null));
        assertEquals(1, vonage.refusedCount(), "counted once per call");
        assertNull(vonage.checked("call-4", "https://attacker.example"));
        assertEquals(2, vonage.refusedCount());
    }

    @Test
    void anInvalidPatternFailsAtBootNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VonageRegions(List.of("api-*.vonage.com")));
        assertTrue(e.getMessage().contains("VONAGE_REGION_ALLOWLIST"), e.getMessage());
    }
}
