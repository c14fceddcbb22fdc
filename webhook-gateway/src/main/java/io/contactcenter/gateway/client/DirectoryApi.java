package io.contactcenter.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The agent directory's REST API ({@code DIRECTORY_URL}) as the gateway may use it (role {@code gateway}); use it
 * through {@link DirectoryClient}, which adds the gateway's own token.
 */
@RegisterRestClient(configKey = "directory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    @GET
    @Path("/departments")
    List<Department> departments(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/outbound-calls")
    OutboundCall outboundCall(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, OutboundCallRequest request);

    @POST
    @Path("/voicemails")
    StoredVoicemail storeVoicemail(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Voicemail voicemail);
}
