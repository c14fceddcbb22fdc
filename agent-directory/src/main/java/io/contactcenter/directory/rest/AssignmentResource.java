package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.AssignmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Atomic agent assignment, used by routing. */
@Path("/assignments")
@RolesAllowed({Roles.ROUTING, Roles.ADMIN})
public class AssignmentResource {

    private final AssignmentService assignments;

    public AssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @POST
    public ClaimResult claim(@Valid @NotNull ClaimRequest request) {
        return assignments.claim(request);
    }

    @GET
    @Path("/{callId}")
    public AssignmentView latest(@PathParam("callId") String callId) {
        return assignments.latest(callId);
    }

    @POST
    @Path("/{callId}/answered")
    public AssignmentView answered(@PathParam("callId") String callId, @Valid @NotNull AnsweredRequest request) {
        return assignments.answered(callId, request.agentId());
    }

    @POST
    @Path("/{callId}/renewed")
    public AssignmentView renewed(@PathParam("callId") String callId, @Valid @NotNull AnsweredRequest request) {
        return assignments.renewed(callId, request.agentId());
    }

    @POST
    @Path("/{callId}/release")
    public AssignmentView release(@PathParam("callId") String callId, @Valid @NotNull ReleaseRequest request) {
        return assignments.release(callId, request.agentId(), request.outcome());
    }
}
