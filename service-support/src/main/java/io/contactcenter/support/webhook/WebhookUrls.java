package io.contactcenter.support.webhook;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's webhook URLs that we hand to Vonage, with our own parameters ({@code call}, {@code agent},
 * {@code region}, {@code attempt}) protected by an HMAC-SHA256 under a server-side key ({@code WEBHOOK_SIGNING_KEY},
 * shared by the gateway and the services that build its URLs). Vonage's webhook signature covers the body, not the
 * query string, so without this anybody holding a valid Vonage token could change which call, agent or region an
 * event is about.
 *
 * <p>The signature covers the path and every parameter (names and values, sorted by name), so changing, adding
 * or removing any of them invalidates it.
 */
public final class WebhookUrls {

    public static final String SIGNATURE_PARAM = "sig";
    static final int MIN_KEY_LENGTH = 32;

    private final String publicUrl;
    private final SecretKeySpec key;

    /**
     * @param gatewayPublicUrl {@code GATEWAY_PUBLIC_URL} (a trailing {@code /} is ignored)
     * @param signingKey {@code WEBHOOK_SIGNING_KEY}, at least 32 characters
     */
    public WebhookUrls(String gatewayPublicUrl, String signingKey) {
        if (signingKey == null || signingKey.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("WEBHOOK_SIGNING_KEY must be set to at least " + MIN_KEY_LENGTH
                    + " characters (a random secret shared by the gateway, routing and survey)");
        }
        String url = gatewayPublicUrl == null ? "" : gatewayPublicUrl.strip();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.key = new SecretKeySpec(signingKey.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * The gateway's URL for {@code path} with {@code params} in their iteration order (null or blank values left out)
     * and their signature.
     */
    public String url(String path, Map<String, String> params) {
        TreeMap<String, String> present = new TreeMap<>();
        params.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                present.put(name, value);
            }
        });
        StringBuilder url = new StringBuilder(publicUrl).append(path);
        if (present.isEmpty()) {
            return url.toString();
        }
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!present.containsKey(param.getKey())) {
                continue;
            }
            url.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = '&';
        }
        return url.append('&').append(SIGNATURE_PARAM).append('=').append(signature(path, present)).toString();
    }

    /**
     * Whether the parameters a webhook arrived with are the ones we signed for {@code path}: true when there are none
     * at all; otherwise the {@code sig} parameter must match, compared in constant time.
     */
    public boolean verify(String path, Map<String, String> received) {
        TreeMap<String, String> params = new TreeMap<>(received);
        String claimed = params.remove(SIGNATURE_PARAM);
        if (params.isEmpty()) {
            return claimed == null;
        }
        return claimed != null && MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8),
                signature(path, params).getBytes(StandardCharsets.UTF_8));
    }

    /** Query parameters of a raw query string, decoded; a parameter given twice makes the map hold a marker. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            // a repeated parameter can never have been signed by us: make the signature check fail
            params.merge(name, value, (first, second) -> "\u0000repeated");
        }
        return params;
    }

    private String signature(String path, TreeMap<String, String> params) {
        // length-prefixed fields: no two different parameter sets serialize alike
        StringBuilder canonical = new StringBuilder();
        field(canonical, path);
        params.forEach((name, value) -> {
            field(canonical, name);
            field(canonical, value);
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append('\n');
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\u0000undecodable";
        }
    }
}
