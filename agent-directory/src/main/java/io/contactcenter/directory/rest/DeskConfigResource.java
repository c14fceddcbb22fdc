package io.contactcenter.directory.rest;

import io.contactcenter.directory.config.DirectoryConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * What the desk page needs before sign-in: which phone it uses ({@code DIRECTORY_DESK_PHONE}) and where routing's call
 * controls are ({@code DIRECTORY_DESK_ROUTING_URL}).
 */
@Path("/desk/config.json")
public class DeskConfigResource {

    /**
     * {@code phone}: {@code vonage} or {@code simulator}; {@code simulatorUrl} for the latter; {@code routingUrl}:
     * routing's base URL, empty = the page's own origin (behind the Ingress).
     */
    public record DeskConfig(String phone, String simulatorUrl, String routingUrl) {
    }

    private final DeskConfig config;

    public DeskConfigResource(DirectoryConfig config) {
        this.config = new DeskConfig(config.desk().phone(), config.desk().simulatorUrl().orElse(null),
                config.desk().routingUrl().map(url -> url.replaceAll("/+$", "")).orElse(""));
    }

    @GET
    @PermitAll
    public DeskConfig config() {
        return config;
    }
}
