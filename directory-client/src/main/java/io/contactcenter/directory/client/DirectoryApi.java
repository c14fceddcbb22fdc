package io.contactcenter.directory.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The agent directory's REST API as the other services call it (base URL {@code DIRECTORY_URL}, REST client config
 * key {@code directory}). Each service may call only what its role there allows: the gateway the menu, in-app calls
 * and voicemails; routing departments and assignments; survey departments. Use it through {@link DirectoryClient},
 * which adds the service's own token and the fault tolerance.
 */
@RegisterRestClient(configKey = "directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    @GET
    @Path("/departments")
    List<DirectoryModel.Department> departments(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

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
    @Path("/assignments/{callId}/renewed")
    DirectoryModel.AssignmentView renewed(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("callId") String callId, DirectoryModel.AgentRef agent);

    @POST
    @Path("/assignments/{callId}/release")
    DirectoryModel.AssignmentView release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("callId") String callId, DirectoryModel.ReleaseRequest request);

    @POST
    @Path("/outbound-calls")
    DirectoryModel.OutboundCall outboundCall(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DirectoryModel.OutboundCallRequest request);

    @POST
    @Path("/outbound-calls/check")
    void checkOutboundNumber(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DirectoryModel.NumberCheck request);

    @POST
    @Path("/voicemails")
    DirectoryModel.StoredVoicemail storeVoicemail(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            DirectoryModel.Voicemail voicemail);
}
