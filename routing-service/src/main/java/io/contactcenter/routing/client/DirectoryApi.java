package io.contactcenter.routing.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The agent directory's REST API as routing uses it (base URL {@code DIRECTORY_URL}); each request carries routing's
 * own bearer token ({@link DirectoryClient}).
 */
@RegisterRestClient(configKey = "directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    @GET
    @Path("/departments/{id}")
    DirectoryModel.Department department(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id);

    @POST
    @Path("/assignments")
    DirectoryModel.Claim claim(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DirectoryModel.ClaimRequest request);

    @POST
    @Path("/assignments/{callId}/answered")
    DirectoryModel.AssignmentView answered(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("callId") String callId, DirectoryModel.AgentRef agent);

    @POST
    @Path("/assignments/{callId}/release")
    DirectoryModel.AssignmentView release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("callId") String callId, DirectoryModel.ReleaseRequest request);
}
