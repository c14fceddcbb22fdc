package io.contactcenter.simulator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The simulated regions and how inbound calls that ask for none are placed ({@code round-robin} or {@code first}).
 * An empty list is the single-region mode: no affinity checks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegionSettings(List<Region> regions, String placement) {
}
