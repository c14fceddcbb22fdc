package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.VoicemailService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The gateway reports each message a caller left while the department was closed (read: DepartmentResource). */
@Path("/voicemails")
public class VoicemailResource {

    private final VoicemailService voicemails;

    public VoicemailResource(VoicemailService voicemails) {
        this.voicemails = voicemails;
    }

    /** 201 with the stored message; a repeat for the same call id returns the first one (Vonage retries). */
    @POST
    @RolesAllowed({Roles.GATEWAY, Roles.ADMIN})
    public Response store(@Valid @NotNull VoicemailRequest request) {
        VoicemailView stored = voicemails.store(request);
        return Response.created(URI.create("/departments/" + stored.departmentId() + "/voicemails"))
                .entity(stored).build();
    }
}
