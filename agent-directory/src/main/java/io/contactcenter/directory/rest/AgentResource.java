package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.AgentService;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Agents; admins manage them, an agent may read itself and set its own status. */
@Path("/agents")
public class AgentResource {

    private final AgentService agents;
    private final SecurityIdentity caller;

    public AgentResource(AgentService agents, SecurityIdentity caller) {
        this.agents = agents;
        this.caller = caller;
    }

    /** All agents, or with {@code appUser} the agents reached as that in-app user. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public List<AgentView> list(@QueryParam("appUser") String appUser) {
        return agents.list(appUser);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public AgentView get(@PathParam("id") UUID id) {
        requireSelfOrStaff(id);
        return agents.get(id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull AgentRequest request) {
        AgentView created = agents.create(request);
        return Response.created(URI.create("/agents/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public AgentView replace(@PathParam("id") UUID id, @Valid @NotNull AgentRequest request) {
        return agents.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") UUID id) {
        agents.delete(id);
    }

    @PUT
    @Path("/{id}/status")
    @RolesAllowed({Roles.ADMIN, Roles.AGENT})
    public AgentView setStatus(@PathParam("id") UUID id, @Valid @NotNull StatusChange change) {
        requireSelfOrStaff(id);
        return agents.setStatus(id, change.status());
    }

    /** The in-app agent's Vonage user id (set by the provisioning command); {@code null} clears it. */
    @PUT
    @Path("/{id}/vonage-user")
    @RolesAllowed(Roles.ADMIN)
    public AgentView setVonageUser(@PathParam("id") UUID id, @Valid @NotNull VonageUserChange change) {
        return agents.setVonageUser(id, change.vonageUserId());
    }

    private void requireSelfOrStaff(UUID agentId) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.SUPERVISOR)
                && !agentId.toString().equals(caller.getPrincipal().getName())) {
            throw ProblemException.forbidden("an agent may only act on itself");
        }
    }
}
