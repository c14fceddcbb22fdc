package io.contactcenter.support.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.HttpWrapper;
import com.vonage.client.auth.JWTAuthMethod;
import com.vonage.client.voice.VoiceClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The Vonage Voice API as the services use it: authenticated as the Vonage application, aimed at the region
 * that serves a call (DESIGN §5), safe under concurrent calls.
 *
 * <p>The SDK's client is documented as not thread-safe, and each client owns a connection pool, so clients
 * are neither shared between threads nor made per request: each region keeps a pool of clients, and a
 * thread borrows one for the duration of one API call.
 *
 * <p>The application JWT is signed once and reused for {@link #TOKEN_REUSE} by every client: the SDK signs a
 * fresh RS256 token for each request, and that RSA signature was the largest CPU cost of creating an agent leg
 * (profiled: about half of the routing queue threads' CPU). A token without {@code exp}, as the SDK makes it, is
 * valid for Vonage's default of 15 minutes.
 */
public final class VonageVoice {

    static final Duration TOKEN_REUSE = Duration.ofMinutes(5);

    private final ReusedApplicationJwt jwt;
    private final VonageRegions regions;
    private final String defaultBaseUrl;
    private final int timeoutMillis;
    private final Map<String, Queue<VoiceClient>> idleClientsByBaseUrl = new ConcurrentHashMap<>();

    /**
     * @param privateKeyPemOrPath {@code VONAGE_PRIVATE_KEY}: the PEM or the path of a PEM file
     * @param defaultBaseUrl {@code VONAGE_API_BASE_URL}, used when a call's region is not known or not allowed
     * @param regions the allow-list a call's region must pass to be used instead of the default
     */
    public VonageVoice(String applicationId, String privateKeyPemOrPath, String defaultBaseUrl, VonageRegions regions,
            int timeoutMillis) {
        // parses the key: fails at boot, not on the first call, when the credentials are unusable
        this.jwt = new ReusedApplicationJwt(applicationId,
                PrivateKeys.pemContents(privateKeyPemOrPath).getBytes(StandardCharsets.UTF_8), TOKEN_REUSE);
        this.defaultBaseUrl = defaultBaseUrl;
        this.regions = regions;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The base URL requests about a call in {@code regionUrl} go to: the region when it is allow-listed, else the
     * default. Checked again here, on every request, so that no stored or forwarded region can bypass the list.
     */
    public String baseUrlFor(String regionUrl) {
        return regions.allowed(regionUrl) ? regionUrl : defaultBaseUrl;
    }

    /**
     * Runs one API request against the region of a call ({@code regionUrl} from the answer webhook, or null).
     * SDK exceptions ({@code VoiceResponseException} with the HTTP status, {@code VonageApiResponseException},
     * {@code VonageClientException}) propagate to the caller, which decides whether to retry.
     */
    public <T> T call(String regionUrl, Function<VoiceClient, T> request) {
        String baseUrl = baseUrlFor(regionUrl);
        Queue<VoiceClient> idle = idleClientsByBaseUrl.computeIfAbsent(baseUrl, url -> new ConcurrentLinkedQueue<>());
        VoiceClient client = idle.poll();
        if (client == null) {
            client = newClient(baseUrl);
        }
        try {
            return request.apply(client);
        } finally {
            idle.offer(client);
        }
    }

    private VoiceClient newClient(String baseUrl) {
        HttpConfig http = HttpConfig.builder().apiBaseUri(baseUrl).timeoutMillis(timeoutMillis).build();
        return new VoiceClient(new HttpWrapper(http, jwt));
    }

    /** The SDK's application JWT, re-signed only when the last one is older than {@code reuse}. */
    static final class ReusedApplicationJwt extends JWTAuthMethod {

        private final long reuseNanos;
        private String token;
        private long signedAt;

        ReusedApplicationJwt(String applicationId, byte[] privateKeyPem, Duration reuse) {
            super(applicationId, privateKeyPem);
            this.reuseNanos = reuse.toNanos();
        }

        @Override
        public synchronized String generateToken() {
            long now = System.nanoTime();
            if (token == null || now - signedAt >= reuseNanos) {
                token = super.generateToken();
                signedAt = now;
            }
            return token;
        }
    }
}
