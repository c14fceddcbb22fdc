package io.contactcenter.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The agent directory's REST API ({@code DIRECTORY_URL}); use it through {@link DirectoryClient}. */
@RegisterRestClient(configKey = "directory")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
interface DirectoryApi {

    @GET
    @Path("/departments")
    List<Department> departments();

    @GET
    @Path("/agents")
    List<Agent> agentsByAppUser(@QueryParam("appUser") String appUser);

    default String bearer() {
        return "Bearer " + ConfigProvider.getConfig().getValue("gateway.directory.token", String.class);
    }
}
