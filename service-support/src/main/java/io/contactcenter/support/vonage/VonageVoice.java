package io.contactcenter.support.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.voice.VoiceClient;
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
 */
public final class VonageVoice {

    private final String applicationId;
    private final String privateKeyPem;
    private final String defaultBaseUrl;
    private final int timeoutMillis;
    private final Map<String, Queue<VonageClient>> idleClientsByBaseUrl = new ConcurrentHashMap<>();

    /**
     * @param privateKeyPemOrPath {@code VONAGE_PRIVATE_KEY}: the PEM or the path of a PEM file
     * @param defaultBaseUrl {@code VONAGE_API_BASE_URL}, used when a call's region is not known
     */
    public VonageVoice(String applicationId, String privateKeyPemOrPath, String defaultBaseUrl, int timeoutMillis) {
        this.applicationId = applicationId;
        this.privateKeyPem = PrivateKeys.pemContents(privateKeyPemOrPath);
        this.defaultBaseUrl = defaultBaseUrl;
        this.timeoutMillis = timeoutMillis;
        newClient(defaultBaseUrl); // fail at boot, not on the first call, when the credentials are unusable
    }

    /** The base URL requests about a call in {@code regionUrl} go to. */
    public String baseUrlFor(String regionUrl) {
        return regionUrl == null || regionUrl.isBlank() ? defaultBaseUrl : regionUrl;
    }

    /**
     * Runs one API request against the region of a call ({@code regionUrl} from the answer webhook, or null).
     * SDK exceptions ({@code VoiceResponseException} with the HTTP status, {@code VonageApiResponseException},
     * {@code VonageClientException}) propagate to the caller, which decides whether to retry.
     */
    public <T> T call(String regionUrl, Function<VoiceClient, T> request) {
        String baseUrl = baseUrlFor(regionUrl);
        Queue<VonageClient> idle = idleClientsByBaseUrl.computeIfAbsent(baseUrl, url -> new ConcurrentLinkedQueue<>());
        VonageClient client = idle.poll();
        if (client == null) {
            client = newClient(baseUrl);
        }
        try {
            return request.apply(client.getVoiceClient());
        } finally {
            idle.offer(client);
        }
    }

    private VonageClient newClient(String baseUrl) {
        return VonageClient.builder()
                .applicationId(applicationId)
                .privateKeyContents(privateKeyPem)
                .httpConfig(HttpConfig.builder().apiBaseUri(baseUrl).timeoutMillis(timeoutMillis).build())
                .build();
    }
}
