package io.contactcenter.routing.rest;

import io.contactcenter.routing.service.Actor;
import io.contactcenter.routing.service.CallView;
import io.contactcenter.routing.service.ControlService;
import io.contactcenter.routing.service.MonitorRequest;
import io.contactcenter.routing.service.TransferRequest;
import io.contactcenter.support.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The live calls and their controls (routing-service/README.md, "Call controls"). */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.AGENT, Actor.SUPERVISOR})
public class CallsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ControlService controls;
    private final JsonWebToken token;

    public CallsResource(ControlService controls, JsonWebToken token) {
        this.controls = controls;
        this.token = token;
    }

    @GET
    @Path("/live")
    @RolesAllowed(Actor.SUPERVISOR)
    public List<CallView> live() {
        return controls.live();
    }

    @GET
    @Path("/{callId}")
    public CallView call(@PathParam("callId") String callId) {
        return controls.call(callId, actor());
    }

    @POST
    @Path("/{callId}/hold")
    public Response hold(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.hold(callId, actor(), key));
    }

    @POST
    @Path("/{callId}/resume")
    public Response resume(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.resume(callId, actor(), key));
    }

    @POST
    @Path("/{callId}/recording")
    public Response record(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.record(callId, actor(), key));
    }

    @POST
    @Path("/{callId}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Valid @NotNull TransferRequest request) {
        return respond(controls.transfer(callId, actor(), key, request));
    }

    @POST
    @Path("/{callId}/transfers/{transferId}/complete")
    public Response completeTransfer(@PathParam("callId") String callId, @PathParam("transferId") String transferId,
            @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.completeTransfer(callId, transferId, actor(), key));
    }

    @POST
    @Path("/{callId}/transfers/{transferId}/cancel")
    public Response cancelTransfer(@PathParam("callId") String callId, @PathParam("transferId") String transferId,
            @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.cancelTransfer(callId, transferId, actor(), key));
    }

    @POST
    @Path("/{callId}/monitors")
    @RolesAllowed(Actor.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startMonitor(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Valid @NotNull MonitorRequest request) {
        if (request.endpoint().value() == null) {
            throw ProblemException.badRequest("the endpoint's " + switch (request.endpoint().type()) {
                case "phone" -> "number";
                case "sip" -> "uri";
                default -> "user";
            } + " is required");
        }
        return respond(controls.startMonitor(callId, actor(), key, request));
    }

    @PUT
    @Path("/{callId}/monitors/{monitorId}")
    @RolesAllowed(Actor.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response switchMonitor(@PathParam("callId") String callId, @PathParam("monitorId") String monitorId,
            @HeaderParam(IDEMPOTENCY_KEY) String key, @Valid @NotNull MonitorRequest.ModeChange change) {
        return respond(controls.switchMonitor(callId, monitorId, actor(), key, change.mode()));
    }

    @DELETE
    @Path("/{callId}/monitors/{monitorId}")
    @RolesAllowed(Actor.SUPERVISOR)
    public Response stopMonitor(@PathParam("callId") String callId, @PathParam("monitorId") String monitorId,
            @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return respond(controls.stopMonitor(callId, monitorId, actor(), key));
    }

    private Actor actor() {
        return Actor.of(token.getSubject(), token.getGroups());
    }

    static Response respond(ControlService.Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
