package io.contactcenter.support.vonage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The one place that decides whether a call's {@code region_url} may be used as a Voice API base URL: every request
 * there carries the application's bearer JWT, which Vonage honours for minutes, and {@code region_url} reaches us
 * from inputs Vonage's signature does not cover (the answer webhook's query, Kafka records). Only URLs matching an
 * allow-listed pattern are used; anything else is refused, so the caller falls back to the default base URL.
 *
 * <p>A pattern is {@code scheme://host[:port]} where {@code *} in the host stands for one DNS label's characters
 * ({@code [a-z0-9-]+}), e.g. {@code https://api-*.vonage.com}. A URL matches when its scheme, host and port are
 * those of a pattern and it has no user info, path (other than {@code /}), query or fragment. The default list is
 * Vonage's documented API hosts ({@link #VONAGE_HOSTS}); tests and the simulator add their own hosts explicitly.
 */
public final class VonageRegions {

    /** Vonage's global and regional Voice API hosts (current {@code api-<area>-<n>.vonage.com}, legacy nexmo.com). */
    public static final List<String> VONAGE_HOSTS = List.of(
            "https://api.nexmo.com", "https://api-*.nexmo.com", "https://api-*.vonage.com");

    private static final Logger LOG = Logger.getLogger(VonageRegions.class);
    /** Calls whose refusal was already reported; bounded, so a flood of calls cannot grow it. */
    private static final int REMEMBERED_CALLS = 10_000;

    private final List<Allowed> allowed;
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, Boolean> reportedCalls = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CALLS;
        }
    };

    /** @param patterns the allow-list ({@code VONAGE_REGION_ALLOWLIST}); an invalid pattern fails at boot */
    public VonageRegions(List<String> patterns) {
        this.allowed = patterns.stream().map(String::strip).filter(p -> !p.isEmpty()).map(Allowed::parse).toList();
    }

    /** Whether {@code regionUrl} may be used as a Voice API base URL. */
    public boolean allowed(String regionUrl) {
        if (regionUrl == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(regionUrl);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(a -> a.matches(scheme, host, uri.getPort()));
    }

    /**
     * The region to keep for a call: {@code regionUrl} when allowed, null (the default base URL) when absent or
     * refused. A refused one is counted and logged once per call (a call's events all carry the same region).
     */
    public String checked(String callId, String regionUrl) {
        if (regionUrl == null || regionUrl.isBlank()) {
            return null;
        }
        String url = regionUrl.strip();
        if (allowed(url)) {
            return url;
        }
        synchronized (reportedCalls) {
            if (reportedCalls.put(String.valueOf(callId), Boolean.TRUE) != null) {
                return null;
            }
        }
        refused.incrementAndGet();
        LOG.warnf("call %s: region_url %s is not an allow-listed Vonage API host (VONAGE_REGION_ALLOWLIST);"
                + " the call is controlled through the default base URL", callId, printable(regionUrl));
        return null;
    }

    /** Calls whose region URL was refused so far (exported as a metric by the services). */
    public long refusedCount() {
        return refused.get();
    }

    private static String printable(String value) {
        String cut = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    private record Allowed(String scheme, Pattern host, int port) {

        static Allowed parse(String pattern) {
            int sep = pattern.indexOf("://");
            if (sep < 1) {
                throw new IllegalArgumentException("VONAGE_REGION_ALLOWLIST: '" + pattern
                        + "' is not scheme://host[:port] (e.g. https://api-*.vonage.com)");
            }
            String scheme = pattern.substring(0, sep).toLowerCase(Locale.ROOT);
            String authority = pattern.substring(sep + 3).toLowerCase(Locale.ROOT);
            if (authority.endsWith("/")) {
                authority = authority.substring(0, authority.length() - 1);
            }
            int port = -1;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                port = Integer.parseInt(authority.substring(colon + 1));
                authority = authority.substring(0, colon);
            }
            if (!("https".equals(scheme) || "http".equals(scheme)) || !authority.matches("[a-z0-9.*-]+")) {
                throw new IllegalArgumentException("VONAGE_REGION_ALLOWLIST: '" + pattern
                        + "' is not scheme://host[:port] with an http(s) scheme");
            }
            StringBuilder regex = new StringBuilder();
            for (String part : authority.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append("[a-z0-9-]+");
                }
                regex.append(Pattern.quote(part));
            }
            return new Allowed(scheme, Pattern.compile(regex.toString()), port);
        }

        boolean matches(String urlScheme, String urlHost, int urlPort) {
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            int wanted = port < 0 ? defaultPort : port;
            int given = urlPort < 0 ? defaultPort : urlPort;
            return scheme.equals(urlScheme) && wanted == given && host.matcher(urlHost).matches();
        }
    }
}
