package io.contactcenter.routing.rest;

import io.contactcenter.routing.service.Actor;
import io.contactcenter.routing.service.CallView;
import io.contactcenter.routing.service.ControlService;
import io.contactcenter.routing.service.TransferRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
    @Path("/{callId}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(@PathParam("callId") String callId, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Valid @NotNull TransferRequest request) {
        return respond(controls.transfer(callId, actor(), key, request));
    }

    private Actor actor() {
        return Actor.of(token.getSubject(), token.getGroups());
    }

    static Response respond(ControlService.Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
