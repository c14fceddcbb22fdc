package io.contactcenter.wallboard.rest;

import io.contactcenter.wallboard.config.WallboardConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What the pages need before sign-in: where routing's call controls are ({@code WALLBOARD_ROUTING_URL}). */
@Path("/wallboard/config.json")
public class PageConfigResource {

    /** {@code routingUrl}: routing's base URL, empty = the page's own origin (behind the Ingress). */
    public record PageConfig(String routingUrl) {
    }

    private final PageConfig config;

    public PageConfigResource(WallboardConfig config) {
        this.config = new PageConfig(config.routingUrl().map(url -> url.replaceAll("/+$", "")).orElse(""));
    }

    @GET
    @PermitAll
    public PageConfig config() {
        return config;
    }
}
