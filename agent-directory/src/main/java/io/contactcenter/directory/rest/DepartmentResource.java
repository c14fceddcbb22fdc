package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.DepartmentService;
import io.contactcenter.directory.service.VoicemailService;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The departments of the IVR menu; read by the gateway (cached there), written by admins. Also their opening hours and
 * the messages callers left while they were closed.
 */
@Path("/departments")
public class DepartmentResource {

    private final DepartmentService departments;
    private final VoicemailService voicemails;
    private final SecurityIdentity caller;

    public DepartmentResource(DepartmentService departments, VoicemailService voicemails, SecurityIdentity caller) {
        this.departments = departments;
        this.voicemails = voicemails;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.GATEWAY, Roles.ROUTING, Roles.SURVEY})
    public List<DepartmentView> list() {
        return departments.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.GATEWAY, Roles.ROUTING, Roles.SURVEY})
    public DepartmentView get(@PathParam("id") UUID id) {
        return departments.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull DepartmentRequest request) {
        DepartmentView created = departments.create(request);
        return Response.created(URI.create("/departments/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public DepartmentView replace(@PathParam("id") UUID id, @Valid @NotNull DepartmentRequest request) {
        return departments.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") UUID id) {
        departments.delete(id);
    }

    @GET
    @Path("/{id}/opening-hours")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.GATEWAY, Roles.ROUTING, Roles.SURVEY})
    public OpeningHoursDto openingHours(@PathParam("id") UUID id) {
        return departments.openingHours(id);
    }

    @PUT
    @Path("/{id}/opening-hours")
    @RolesAllowed(Roles.ADMIN)
    public OpeningHoursDto setOpeningHours(@PathParam("id") UUID id, @Valid @NotNull OpeningHoursDto hours) {
        return departments.setOpeningHours(id, hours);
    }

    @DELETE
    @Path("/{id}/opening-hours")
    @RolesAllowed(Roles.ADMIN)
    public void clearOpeningHours(@PathParam("id") UUID id) {
        departments.clearOpeningHours(id);
    }

    /** Newest first; an agent reads only its own departments' messages. */
    @GET
    @Path("/{id}/voicemails")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public List<VoicemailView> voicemails(@PathParam("id") UUID id,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        boolean staff = caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.SUPERVISOR);
        return voicemails.forDepartment(id, staff ? null : agentId(), limit);
    }

    private UUID agentId() {
        try {
            return UUID.fromString(caller.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("the token's subject is not an agent");
        }
    }
}
