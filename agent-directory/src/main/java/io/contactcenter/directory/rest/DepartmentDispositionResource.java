package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.AgentService;
import io.contactcenter.directory.service.DispositionService;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;

/** The dispositions agents pick from after a call of the department; admins set the list. */
@Path("/departments/{id}/dispositions")
public class DepartmentDispositionResource {

    private final DispositionService dispositions;
    private final AgentService agents;
    private final SecurityIdentity caller;

    public DepartmentDispositionResource(DispositionService dispositions,
            AgentService agents, SecurityIdentity caller) {
        this.dispositions = dispositions;
        this.agents = agents;
        this.caller = caller;
    }

    /** The list, for admins, supervisors and the department's own agents. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public List<DispositionChoice> list(@PathParam("id") UUID id) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.SUPERVISOR)
                && !agents.get(UUID.fromString(caller.getPrincipal().getName())).departmentIds().contains(id)) {
            throw ProblemException.forbidden("an agent may only read its own departments' dispositions");
        }
        return dispositions.choices(id);
    }

    /** Replaces the list: 1–50 entries, unique codes {@code [A-Z0-9_]{1,32}}, labels 1–80 characters. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    public List<DispositionChoice> replace(@PathParam("id") UUID id,
            @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull DispositionChoice> choices) {
        return dispositions.replaceChoices(id, choices);
    }
}
