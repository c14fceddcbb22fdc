package io.contactcenter.routing.rest;

import io.contactcenter.routing.domain.CallMonitorRepository;
import io.contactcenter.routing.service.Actor;
import io.contactcenter.routing.service.ControlService;
import io.contactcenter.support.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The supervisors' monitoring audit log (routing-service/README.md, "Supervisor monitors"). */
@Path("/monitoring")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Actor.SUPERVISOR)
public class MonitoringResource {

    private final ControlService controls;

    public MonitoringResource(ControlService controls) {
        this.controls = controls;
    }

    @GET
    @Path("/audit")
    public List<CallMonitorRepository.AuditEntry> audit(@QueryParam("callId") String callId) {
        if (callId == null || callId.isBlank()) {
            throw ProblemException.badRequest("callId is required");
        }
        return controls.audit(callId);
    }
}
