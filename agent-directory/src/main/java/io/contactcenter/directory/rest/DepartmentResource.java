package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.DepartmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The departments of the IVR menu; read by the gateway (cached there), written by admins. */
@Path("/departments")
public class DepartmentResource {

    private final DepartmentService departments;

    public DepartmentResource(DepartmentService departments) {
        this.departments = departments;
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
}
