package io.contactcenter.directory.rest;

import io.contactcenter.directory.config.DirectoryConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What the desk page needs before sign-in: which phone it uses ({@code DIRECTORY_DESK_PHONE}). */
@Path("/desk/config.json")
public class DeskConfigResource {

    /** {@code phone}: {@code vonage} or {@code simulator}; {@code simulatorUrl} for the latter. */
    public record DeskConfig(String phone, String simulatorUrl) {
    }

    private final DeskConfig config;

    public DeskConfigResource(DirectoryConfig config) {
        this.config = new DeskConfig(config.desk().phone(), config.desk().simulatorUrl().orElse(null));
    }

    @GET
    @PermitAll
    public DeskConfig config() {
        return config;
    }
}
