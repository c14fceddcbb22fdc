package io.contactcenter.routing.rest;

import io.contactcenter.routing.service.Actor;
import io.contactcenter.routing.service.RecordingService;
import io.contactcenter.routing.service.RecordingView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The calls' recordings, for supervisors only (routing-service/README.md, "Recording"). */
@Path("/recordings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Actor.SUPERVISOR)
public class RecordingsResource {

    private final RecordingService recordings;

    public RecordingsResource(RecordingService recordings) {
        this.recordings = recordings;
    }

    /** The newest recordings first, of one department and/or call when given. */
    @GET
    public List<RecordingView> list(@QueryParam("departmentId") String departmentId,
            @QueryParam("callId") String callId) {
        return recordings.list(departmentId, callId);
    }
}
