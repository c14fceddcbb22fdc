package io.contactcenter.directory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.service.AgentDay;
import io.contactcenter.directory.service.AgentService;
import io.contactcenter.directory.service.AgentStreams;
import io.contactcenter.directory.service.DispositionService;
import io.contactcenter.directory.service.OutboundCallService;
import io.contactcenter.directory.service.SignInService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Agents; admins manage them, an agent may read itself, set its own status and password, and work from its desk
 * (its stream, ready, dispositions, its day, outbound checks).
 */
@Path("/agents")
public class AgentResource {

    private final AgentService agents;
    private final SignInService signIn;
    private final AgentStreams streams;
    private final DispositionService dispositions;
    private final AgentDay day;
    private final OutboundCallService outbound;
    private final ObjectMapper json;
    private final SecurityIdentity caller;

    public AgentResource(AgentService agents, SignInService signIn, AgentStreams streams,
            DispositionService dispositions, AgentDay day, OutboundCallService outbound, ObjectMapper json,
            SecurityIdentity caller) {
        this.agents = agents;
        this.signIn = signIn;
        this.streams = streams;
        this.dispositions = dispositions;
        this.day = day;
        this.outbound = outbound;
        this.json = json;
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

    /** An admin sets or resets the agent's password (never returned, never logged). */
    @PUT
    @Path("/{id}/password")
    @RolesAllowed(Roles.ADMIN)
    public void setPassword(@PathParam("id") UUID id, @Valid @NotNull PasswordReset reset) {
        signIn.setPassword(id, reset.password());
    }

    /** The agent changes its own password; a wrong current password → 401. */
    @POST
    @Path("/{id}/password")
    @RolesAllowed(Roles.AGENT)
    public void changePassword(@PathParam("id") UUID id, @Valid @NotNull PasswordChange change) {
        requireSelf(id);
        signIn.changePassword(id, change.currentPassword(), change.newPassword());
    }

    /** Ends the agent's wrap-up now (409 when not wrapping up). */
    @POST
    @Path("/{id}/ready")
    @RolesAllowed(Roles.AGENT)
    public void ready(@PathParam("id") UUID id) {
        requireSelf(id);
        agents.readyNow(id);
    }

    /**
     * The agent's own live stream: an {@code agent} event with its snapshot at once and after every change, a
     * {@code : keep-alive} comment every {@code directory.stream-keep-alive}.
     */
    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.AGENT)
    @Blocking
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id, @Context Sse sse) {
        requireSelf(id);
        agents.get(id); // 404 before the stream starts
        return streams.open(id).map(item -> item.snapshot() == null
                ? sse.newEventBuilder().comment(" keep-alive").build() // written ": keep-alive"
                : sse.newEventBuilder().name("agent").data(String.class, toJson(item.snapshot())).build());
    }

    /** The agent's disposition of a call it answered (once per call: again → 409). */
    @POST
    @Path("/{id}/dispositions")
    @RolesAllowed(Roles.AGENT)
    public Response recordDisposition(@PathParam("id") UUID id, @Valid @NotNull DispositionRequest request) {
        requireSelf(id);
        return Response.status(Response.Status.CREATED).entity(dispositions.record(id, request)).build();
    }

    /** The agent's dispositions since {@code from} (an ISO-8601 instant; default: all), newest first. */
    @GET
    @Path("/{id}/dispositions")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public List<DispositionView> dispositions(@PathParam("id") UUID id, @QueryParam("from") String from) {
        requireSelfOrStaff(id);
        return dispositions.recorded(id, instant("from", from));
    }

    /** Calls handled today, average handle time and average survey score of the agent's calls. */
    @GET
    @Path("/{id}/today")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public TodayView today(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireSelfOrStaff(id);
        return day.today(id, authorization);
    }

    /** Whether the in-app agent may dial {@code to} now: 204, or 403 with the reason (the gateway's own rules). */
    @POST
    @Path("/{id}/outbound-calls/check")
    @RolesAllowed(Roles.AGENT)
    public void checkOutboundCall(@PathParam("id") UUID id, @Valid @NotNull OutboundCheckRequest request) {
        requireSelf(id);
        outbound.check(id, request.to());
    }

    private String toJson(AgentSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot not serializable", e);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant (2026-11-22T10:00:00Z)");
        }
    }

    private void requireSelf(UUID agentId) {
        if (!agentId.toString().equals(caller.getPrincipal().getName())) {
            throw ProblemException.forbidden("only the agent itself may do that");
        }
    }

    private void requireSelfOrStaff(UUID agentId) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.SUPERVISOR)
                && !agentId.toString().equals(caller.getPrincipal().getName())) {
            throw ProblemException.forbidden("an agent may only act on itself");
        }
    }
}
