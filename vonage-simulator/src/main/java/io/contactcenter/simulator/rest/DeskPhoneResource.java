package io.contactcenter.simulator.rest;

import java.util.Base64;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.contactcenter.simulator.desk.DeskPhones;
import io.contactcenter.simulator.engine.CallEngine;
import io.contactcenter.simulator.engine.Leg;
import io.contactcenter.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

/**
 * The Client SDK's side of an in-app user, for a browser desk (the agent desk's simulator phone): every request
 * carries the user's Client SDK token ({@code POST /api/jwt} of the directory), verified like Vonage verifies it;
 * the user is its {@code sub}. CORS for the desk's origin: {@code SIMULATOR_DESK_ORIGINS}.
 */
@Path("/simulator/desk/calls")
@Tag(name = "Desk phone (in-app user)")
@Produces(MediaType.APPLICATION_JSON)
public class DeskPhoneResource {

    private final DeskPhones desks;
    private final CallEngine engine;
    private final ApiGuard guard;
    private final ObjectMapper json;

    public DeskPhoneResource(DeskPhones desks, CallEngine engine, ApiGuard guard, ObjectMapper json) {
        this.desks = desks;
        this.engine = engine;
        this.guard = guard;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The user's calls as server-sent events: ringing (answer or reject it), answered, ended; "
            + "while a desk listens, legs to the user ring until it decides")
    public Multi<OutboundSseEvent> follow(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context Sse sse) {
        String user = user(authorization);
        return Multi.createFrom().emitter(emitter -> {
            Runnable stop = desks.subscribe(user, event -> emitter.emit(sse.newEventBuilder().name(event.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event).build()));
            emitter.onTermination(stop);
        });
    }

    @POST
    @Operation(summary = "Call out as the user (the Client SDK's serverCall): the answer webhook gets from_user and to")
    public Response call(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, String> body) {
        String user = user(authorization);
        String to = body == null ? null : body.get("to");
        if (to == null || !to.matches("\\d{6,15}")) {
            throw ProblemException.badRequest("to must be a number, E.164 digits without +");
        }
        Leg leg = desks.call(user, to);
        return Response.status(201).entity(Map.of("callId", leg.uuid())).build();
    }

    @POST
    @Path("/{legId}/{action: answer|reject|hangup}")
    @Operation(summary = "answer or reject a leg ringing the user (reject: its status becomes rejected, as Vonage "
            + "reports a declined call), or hang up the user's leg")
    public Response act(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("legId") String legId,
                        @PathParam("action") String action) {
        Leg leg = own(authorization, legId);
        if (!"hangup".equals(action) && !"ringing".equals(leg.status())) {
            throw ProblemException.conflict("call " + legId + " is " + leg.status() + ", not ringing");
        }
        switch (action) {
            case "answer" -> desks.answer(leg);
            case "reject" -> desks.reject(leg);
            default -> desks.hangup(leg);
        }
        return Response.accepted().build();
    }

    @PUT
    @Path("/{legId}/mute")
    @Operation(summary = "Mute or unmute the user's leg: {\"muted\": true|false}")
    public Response mute(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("legId") String legId,
                         Map<String, Boolean> body) {
        Boolean muted = body == null ? null : body.get("muted");
        if (muted == null) {
            throw ProblemException.badRequest("muted (true or false) is required");
        }
        desks.mute(own(authorization, legId), muted);
        return Response.noContent().build();
    }

    /** A live leg of the token's user; another user's leg is as unknown as a missing one. */
    private Leg own(String authorization, String legId) {
        String user = user(authorization);
        Leg leg = engine.leg(legId);
        if (leg == null || !DeskPhones.belongsTo(leg, user)) {
            throw ProblemException.notFound("no call " + legId + " of user " + user);
        }
        if (leg.ended()) {
            throw ProblemException.conflict("call " + legId + " has ended (" + leg.status() + ")");
        }
        return leg;
    }

    /** The user a verified Client SDK token names in its subject. */
    private String user(String authorization) {
        String refusal = guard.tokenRefusal(authorization);
        if (refusal != null) {
            throw new ProblemException(401, "Unauthorized", "Client SDK token refused: " + refusal);
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(authorization.substring(7).trim().split("\\.")[1]));
            String sub = claims.path("sub").asText("");
            if (sub.isBlank()) {
                throw new ProblemException(401, "Unauthorized", "the token names no user (sub)");
            }
            return sub;
        } catch (java.io.IOException e) {
            throw new ProblemException(401, "Unauthorized", "unreadable token");
        }
    }
}
