package io.contactcenter.simulator.rest;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialRequest;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.Fault;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.client.RegionSettings;
import io.contactcenter.simulator.client.Settings;
import io.contactcenter.simulator.client.Speech;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.desk.DeskPhones;
import io.contactcenter.simulator.engine.CallEngine;
import io.contactcenter.simulator.engine.Leg;
import io.contactcenter.simulator.engine.Regions;
import io.contactcenter.simulator.engine.SimClock;
import io.contactcenter.simulator.people.AgentEndpoints;
import io.contactcenter.simulator.transcript.Transcript;
import io.contactcenter.simulator.webhook.WebhookSender;
import io.contactcenter.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

/** The simulator's own API: scripted people, transcripts, switches. Errors are problem+json. */
@Path("/simulator")
@Tag(name = "Simulator control")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    private final CallEngine engine;
    private final AgentEndpoints agents;
    private final Transcript transcript;
    private final SimClock clock;
    private final WebhookSender webhooks;
    private final ApiGuard guard;
    private final UsersResource users;
    private final Regions regions;
    private final DeskPhones desks;

    public SimulatorResource(CallEngine engine, AgentEndpoints agents, Transcript transcript, SimClock clock,
                             WebhookSender webhooks, ApiGuard guard, UsersResource users, Regions regions,
                             DeskPhones desks) {
        this.desks = desks;
        this.users = users;
        this.regions = regions;
        this.engine = engine;
        this.agents = agents;
        this.transcript = transcript;
        this.clock = clock;
        this.webhooks = webhooks;
        this.guard = guard;
    }

    @POST
    @Path("/callers")
    @Operation(summary = "A caller dials the contact center (or another number) and follows its script")
    public Response dial(DialRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body is required");
        }
        boolean phone = request.from() != null && request.from().matches("\\d{6,15}");
        boolean app = request.fromUser() != null && !request.fromUser().isBlank();
        if (phone == app) {
            throw ProblemException.badRequest("exactly one of from (E.164 digits without +) or fromUser is required");
        }
        if (request.to() != null && request.to().isBlank()) {
            throw ProblemException.badRequest("to must not be blank");
        }
        List<CallerStep> steps = request.steps() == null ? List.of() : request.steps();
        for (CallerStep step : steps) {
            if (step == null || step.atSecond() == null && step.whenHeard() == null) {
                throw ProblemException.badRequest("every step needs atSecond or whenHeard");
            }
            if (step.atSecond() != null && step.atSecond() < 0 || step.delaySeconds() != null && step.delaySeconds() < 0) {
                throw ProblemException.badRequest("seconds must not be negative");
            }
            boolean digits = step.digits() != null && step.digits().matches("[0-9*#]+");
            if (digits == Boolean.TRUE.equals(step.hangup())) {
                throw ProblemException.badRequest("every step either presses digits (0-9, *, #) or hangs up");
            }
        }
        Region region;
        try {
            region = regions.place(request.region());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        Leg leg = engine.dialIn(phone ? request.from() : null, app ? request.fromUser() : null, request.to(), steps, region);
        return Response.status(201).entity(new DialResponse(leg.uuid(), leg.conversationUuid())).build();
    }

    @POST
    @Path("/calls/{legId}/dtmf")
    @Operation(summary = "The person on this leg presses keys now")
    public Response press(@PathParam("legId") String legId, Map<String, String> body) {
        String digits = body == null ? null : body.get("digits");
        if (digits == null || !digits.matches("[0-9*#]+")) {
            throw ProblemException.badRequest("digits must be 0-9, * or #");
        }
        engine.press(live(legId), digits);
        return Response.accepted().build();
    }

    @POST
    @Path("/calls/{legId}/hangup")
    @Operation(summary = "The person on this leg hangs up now")
    public Response hangup(@PathParam("legId") String legId) {
        engine.hangupByPerson(live(legId));
        return Response.accepted().build();
    }

    @POST
    @Path("/calls/{legId}/say")
    @Operation(summary = "The person on this leg says something; every leg that can hear it now hears it")
    public Map<String, List<String>> say(@PathParam("legId") String legId, Map<String, String> body) {
        String text = body == null ? null : body.get("text");
        if (text == null || text.isBlank() || text.length() > 1000) {
            throw ProblemException.badRequest("text is required (1 to 1000 characters)");
        }
        Leg leg = live(legId);
        if (!"answered".equals(leg.status())) {
            throw ProblemException.conflict("leg is " + leg.status() + ", not answered");
        }
        return Map.of("heardBy", engine.say(leg, text));
    }

    @GET
    @Path("/calls/{legId}/heard")
    @Operation(summary = "What the person on this leg heard other legs say, in order")
    public List<Speech> heard(@PathParam("legId") String legId) {
        Leg leg = engine.leg(legId);
        if (leg == null) {
            throw ProblemException.notFound("no call " + legId);
        }
        return leg.speechHeard();
    }

    @POST
    @Path("/calls/{legId}/answer")
    @Operation(summary = "Answer a ringing leg (an agent with behaviour manual)")
    public Response answer(@PathParam("legId") String legId) {
        Leg leg = live(legId);
        if (!"ringing".equals(leg.status())) {
            throw ProblemException.conflict("leg is " + leg.status() + ", not ringing");
        }
        leg.signal(new io.contactcenter.simulator.engine.Signal.Answer());
        return Response.accepted().build();
    }

    @POST
    @Path("/calls/{legId}/reject")
    @Operation(summary = "Reject a ringing leg")
    public Response reject(@PathParam("legId") String legId) {
        Leg leg = live(legId);
        if (!"ringing".equals(leg.status())) {
            throw ProblemException.conflict("leg is " + leg.status() + ", not ringing");
        }
        leg.signal(new io.contactcenter.simulator.engine.Signal.Reject());
        return Response.accepted().build();
    }

    @GET
    @Path("/calls")
    @Operation(summary = "Every leg the simulator knows, newest first")
    public List<LegView> calls() {
        return engine.legs().stream().sorted(Comparator.comparing(Leg::createdAt).reversed()).map(Leg::view).toList();
    }

    @GET
    @Path("/calls/{callId}")
    @Operation(summary = "One leg")
    public LegView call(@PathParam("callId") String callId) {
        Leg leg = engine.leg(callId);
        if (leg == null) {
            throw ProblemException.notFound("no call " + callId);
        }
        return leg.view();
    }

    @GET
    @Path("/calls/{callId}/transcript")
    @Operation(summary = "A call's timeline: webhooks, NCCOs, what was heard, legs, conversations, REST requests")
    public List<TranscriptEntry> transcript(@PathParam("callId") String callId) {
        if (engine.leg(callId) == null) {
            throw ProblemException.notFound("no call " + callId);
        }
        return transcript.forCall(callId);
    }

    @GET
    @Path("/transcript")
    @Operation(summary = "Everything, in order")
    public List<TranscriptEntry> everything() {
        return transcript.all();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live transcript entries (server-sent events) for the softphone page")
    public Multi<TranscriptEntry> stream() {
        return Multi.createFrom().emitter(emitter -> {
            Consumer<TranscriptEntry> listener = emitter::emit;
            transcript.listen(listener);
            emitter.onTermination(() -> transcript.unlisten(listener));
        });
    }

    @PUT
    @Path("/endpoints")
    @Operation(summary = "Register how the person behind an agent endpoint behaves")
    public AgentEndpoint register(AgentEndpoint endpoint) {
        String invalid = AgentEndpoints.invalid(endpoint);
        if (invalid != null) {
            throw ProblemException.badRequest(invalid);
        }
        return agents.register(endpoint);
    }

    @GET
    @Path("/endpoints")
    public List<AgentEndpoint> endpoints() {
        return agents.all();
    }

    @DELETE
    @Path("/endpoints/{type}/{value}")
    public Response unregister(@PathParam("type") String type, @PathParam("value") String value) {
        if (!agents.remove(type, value)) {
            throw ProblemException.notFound("no endpoint " + type + ":" + value);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/settings")
    public Settings settings() {
        return new Settings(clock.factor(), webhooks.duplicateEvents(), webhooks.outOfOrderEvents(), guard.createsPerSecond());
    }

    @PUT
    @Path("/settings")
    @Operation(summary = "Time factor, duplicate/out-of-order event delivery, create rate limit")
    public Settings update(Settings settings) {
        if (settings == null) {
            throw ProblemException.badRequest("body is required");
        }
        if (settings.timeFactor() != null) {
            if (!(settings.timeFactor() > 0) || settings.timeFactor() > 1000) {
                throw ProblemException.badRequest("timeFactor must be > 0 and <= 1000");
            }
            clock.factor(settings.timeFactor());
        }
        if (settings.createsPerSecond() != null) {
            if (settings.createsPerSecond() < 0) {
                throw ProblemException.badRequest("createsPerSecond must not be negative");
            }
            guard.createsPerSecond(settings.createsPerSecond());
        }
        webhooks.chaos(settings.duplicateEvents() == null ? webhooks.duplicateEvents() : settings.duplicateEvents(),
                settings.outOfOrderEvents() == null ? webhooks.outOfOrderEvents() : settings.outOfOrderEvents());
        return settings();
    }

    @GET
    @Path("/regions")
    @Operation(summary = "The simulated regions and how inbound calls are placed")
    public RegionSettings regions() {
        return regions.settings();
    }

    @PUT
    @Path("/regions")
    @Operation(summary = "Replace the simulated regions ({name, url}; empty = one region) and the placement rule "
            + "(round-robin, first); calls already up keep their region")
    public RegionSettings regions(RegionSettings settings) {
        String invalid = Regions.invalid(settings);
        if (invalid != null) {
            throw ProblemException.badRequest(invalid);
        }
        regions.set(settings);
        return regions.settings();
    }

    @PUT
    @Path("/fault")
    @Operation(summary = "Answer every Voice API request with 500 or 429 for a while")
    public Map<String, Object> fault(Fault fault) {
        if (fault == null || fault.status() != 500 && fault.status() != 429 && fault.status() != 503 || fault.seconds() <= 0) {
            throw ProblemException.badRequest("status must be 500, 503 or 429 and seconds > 0");
        }
        guard.fault(fault.status(), fault.seconds());
        return guard.faultView();
    }

    @DELETE
    @Path("/fault")
    public Map<String, Object> clearFault() {
        guard.clearFault();
        return guard.faultView();
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Hang up and forget every call, endpoint and transcript line; switches back to normal")
    public Map<String, Object> reset() {
        engine.reset();
        agents.clear();
        desks.endpointsCleared();
        users.clear();
        transcript.clear();
        guard.clearFault();
        webhooks.chaos(false, false);
        regions.reset();
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("reset", true);
        return done;
    }

    private Leg live(String legId) {
        Leg leg = engine.leg(legId);
        if (leg == null) {
            throw ProblemException.notFound("no call " + legId);
        }
        if (leg.ended()) {
            throw ProblemException.conflict("call " + legId + " has ended (" + leg.status() + ")");
        }
        return leg;
    }

}
