package io.contactcenter.simulator.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.client.RegionSettings;
import io.contactcenter.simulator.config.SimulatorConfig;

/**
 * The simulated Vonage regions. A call lives in one region; a Voice API request goes through the region whose
 * host it was sent to (the request's {@code Host}); a host that names no region serves the first one, as Vonage's
 * global host lands in one region. Without regions the simulator is one region and checks nothing.
 */
@ApplicationScoped
public class Regions {

    public static final String ROUND_ROBIN = "round-robin";
    public static final String FIRST = "first";

    private final List<Region> configured;
    private final String configuredPlacement;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<Region> regions;
    private volatile String placement;

    public Regions(SimulatorConfig config) {
        List<Region> parsed = new ArrayList<>();
        for (String entry : config.regions().orElse(List.of())) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalStateException("SIMULATOR_REGIONS: '" + entry + "' is not name=url");
            }
            parsed.add(new Region(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()));
        }
        String invalid = invalid(new RegionSettings(parsed, config.regionPlacement()));
        if (invalid != null) {
            throw new IllegalStateException("SIMULATOR_REGIONS / SIMULATOR_REGION_PLACEMENT: " + invalid);
        }
        this.configured = List.copyOf(parsed);
        this.configuredPlacement = config.regionPlacement();
        reset();
    }

    /** Why these settings cannot be used, or null. */
    public static String invalid(RegionSettings settings) {
        if (settings == null || settings.regions() == null) {
            return "regions are required (an empty list for a single region)";
        }
        if (settings.placement() != null && !ROUND_ROBIN.equals(settings.placement()) && !FIRST.equals(settings.placement())) {
            return "placement must be round-robin or first";
        }
        Set<String> names = new HashSet<>();
        Set<String> urls = new HashSet<>();
        for (Region region : settings.regions()) {
            if (region == null || region.name() == null || !region.name().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                return "a region name is 1-40 characters a-z, 0-9 and -";
            }
            if (!names.add(region.name())) {
                return "region " + region.name() + " is named twice";
            }
            URI uri;
            try {
                uri = region.url() == null ? null : URI.create(region.url());
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return "region " + region.name() + " needs an http(s) url with a host";
            }
            if (!urls.add(authority(uri))) {
                return "region " + region.name() + " has the same host as another region";
            }
        }
        return null;
    }

    public boolean enabled() {
        return !regions.isEmpty();
    }

    public RegionSettings settings() {
        return new RegionSettings(regions, placement);
    }

    public synchronized void set(RegionSettings settings) {
        List<Region> list = new ArrayList<>();
        for (Region region : settings.regions()) {
            list.add(new Region(region.name(), strip(region.url())));
        }
        this.regions = List.copyOf(list);
        this.placement = settings.placement() == null ? ROUND_ROBIN : settings.placement();
        next.set(0);
    }

    /** Back to the configured regions. */
    public void reset() {
        set(new RegionSettings(configured, configuredPlacement));
    }

    public Region named(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** The region a request sent to {@code hostHeader} ({@code host[:port]}) reached; null without regions. */
    public Region ofHost(String hostHeader) {
        List<Region> all = regions;
        if (all.isEmpty()) {
            return null;
        }
        if (hostHeader != null && !hostHeader.isBlank()) {
            URI probe;
            try {
                probe = URI.create("http://" + hostHeader.trim());
            } catch (IllegalArgumentException e) {
                probe = null;
            }
            if (probe != null && probe.getHost() != null) {
                String host = probe.getHost().toLowerCase(Locale.ROOT);
                for (Region r : all) {
                    URI uri = URI.create(r.url());
                    if (uri.getHost().equalsIgnoreCase(host) && (probe.getPort() == -1 || port(uri) == probe.getPort())) {
                        return r;
                    }
                }
                for (Region r : all) {
                    if (URI.create(r.url()).getHost().equalsIgnoreCase(host)) {
                        return r;
                    }
                }
            }
        }
        return all.get(0);
    }

    /**
     * The region an inbound call lives in: the one asked for, else by the placement rule; null without regions.
     *
     * @throws IllegalArgumentException when the asked-for region does not exist
     */
    public Region place(String requested) {
        List<Region> all = regions;
        if (requested != null) {
            Region r = named(requested);
            if (r == null) {
                throw new IllegalArgumentException(all.isEmpty() ? "no regions are configured"
                        : "unknown region " + requested + "; known: " + all.stream().map(Region::name).toList());
            }
            return r;
        }
        if (all.isEmpty()) {
            return null;
        }
        if (FIRST.equals(placement)) {
            return all.get(0);
        }
        return all.get(Math.floorMod(next.getAndIncrement(), all.size()));
    }

    private static String authority(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
