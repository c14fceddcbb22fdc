package io.contactcenter.gateway.rest;

import io.contactcenter.gateway.security.VerifiedWebhook;
import io.contactcenter.gateway.service.AnswerService;
import io.contactcenter.gateway.service.CallbackInputService;
import io.contactcenter.gateway.service.MenuInputService;
import io.contactcenter.gateway.service.RecordingService;
import io.contactcenter.gateway.service.StatusEventService;
import io.contactcenter.gateway.service.SurveyInputService;
import io.contactcenter.gateway.service.WebhookMetrics;
import io.contactcenter.gateway.service.WebhookReply;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The webhooks Vonage calls (paths fixed by DESIGN §3). Thin: read, verify, delegate, count. */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookReader reader;
    private final AnswerService answers;
    private final MenuInputService menuInputs;
    private final StatusEventService events;
    private final SurveyInputService surveys;
    private final RecordingService recordings;
    private final CallbackInputService callbacks;
    private final WebhookMetrics metrics;

    public WebhookResource(WebhookReader reader, AnswerService answers, MenuInputService menuInputs,
            StatusEventService events, SurveyInputService surveys, RecordingService recordings,
            CallbackInputService callbacks, WebhookMetrics metrics) {
        this.reader = reader;
        this.answers = answers;
        this.menuInputs = menuInputs;
        this.events = events;
        this.surveys = surveys;
        this.recordings = recordings;
        this.callbacks = callbacks;
        this.metrics = metrics;
    }

    @GET
    @Path("/answer")
    @Operation(summary = "Answer webhook (Vonage default: GET with query parameters); returns an NCCO")
    public String answerGet(@Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return replied("answer", () -> answers.answer(reader.query(authorization, uri)));
    }

    @POST
    @Path("/answer")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Answer webhook (answer_method POST, JSON body); returns an NCCO")
    public String answerPost(byte[] body, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return replied("answer", () -> answers.answer(reader.body(authorization, uri, body)));
    }

    @POST
    @Path("/input")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Result of the IVR menu's input action; returns an NCCO")
    public String input(byte[] body, @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return replied("input", () -> {
            // every input URL is built by this gateway (Nccos.inputUrl), always with a signed attempt
            VerifiedWebhook webhook = reader.toOwnUrl(GatewayWebhooks.INPUT, true, authorization, uri, body);
            return menuInputs.input(webhook.payload(), WebhookReader.attempt(webhook.param("attempt")),
                    webhook.param("region"));
        });
    }

    @POST
    @Path("/event")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Any Vonage call event; 204 once Kafka acknowledged it, 503 (Vonage retries) otherwise")
    public Response event(byte[] body, @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return measured("event", () -> {
            // the application's event URL has no parameters; routing's and survey's carry signed ones
            VerifiedWebhook webhook = reader.toOwnUrl(GatewayWebhooks.EVENT, false, authorization, uri, body);
            boolean acked = events.event(webhook.payload(), webhook.param("call"), webhook.param("agent"),
                    webhook.param(GatewayWebhooks.ROLE), webhook.param("region"), body);
            if (!acked) {
                throw new ProblemException(503, "Service Unavailable", "the event could not be stored yet; retry");
            }
            return new Outcome<>(Response.noContent().build(), "published");
        });
    }

    @POST
    @Path("/recording")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Record event of a voicemail left outside opening hours, or (kind=call) of a connected call's"
            + " recording; 204 once stored and published, else 503")
    public Response recording(byte[] body, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return measured("recording", () -> {
            // only the gateway (Nccos.closed: call and department) and routing (kind=call) build these URLs, signed
            VerifiedWebhook webhook = reader.toOwnUrl(GatewayWebhooks.RECORDING, true, authorization, uri, body);
            if (!recordings.recorded(webhook.payload(), webhook.params())) {
                throw new ProblemException(503, "Service Unavailable", "the recording could not be stored yet; retry");
            }
            return new Outcome<>(Response.noContent().build(), "stored");
        });
    }

    @POST
    @Path("/callback")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Input of a waiting caller's callback dialogue (offer, then number); returns an NCCO")
    public String callback(byte[] body, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return replied("callback", () -> {
            // routing (the offer) and this gateway (the number prompts, the closed department's choice) build these
            // URLs, always signed
            VerifiedWebhook webhook = reader.toOwnUrl(GatewayWebhooks.CALLBACK, true, authorization, uri, body);
            return callbacks.input(webhook.payload(), new CallbackInputService.Step(
                    required(webhook, GatewayWebhooks.CALL), required(webhook, GatewayWebhooks.DEPARTMENT),
                    required(webhook, GatewayWebhooks.STEP), WebhookReader.attempt(webhook.param(GatewayWebhooks.ATTEMPT)),
                    AnswerService.regionUrl(webhook.param(GatewayWebhooks.REGION)),
                    CallbackInputService.opens(webhook.param(CallbackInputService.OPENS))));
        });
    }

    private static String required(VerifiedWebhook webhook, String name) {
        String value = webhook.param(name);
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    @POST
    @Path("/survey")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Result of the survey prompt's input action; returns an NCCO")
    public String survey(byte[] body, @Context UriInfo uri, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return replied("survey", () -> {
            VerifiedWebhook webhook = reader.toOwnUrl(GatewayWebhooks.SURVEY, false, authorization, uri, body);
            return surveys.input(webhook.payload(), WebhookReader.attempt(webhook.param("attempt")));
        });
    }

    private record Outcome<T>(T response, String outcome) {
    }

    private interface Handler<T> {
        Outcome<T> handle();
    }

    /** A webhook answered with an NCCO, measured by its decision. */
    private String replied(String type, Supplier<WebhookReply> handler) {
        return measured(type, () -> {
            WebhookReply reply = handler.get();
            return new Outcome<>(reply.ncco(), reply.outcome());
        });
    }

    private <T> T measured(String type, Handler<T> handler) {
        Timer.Sample sample = metrics.start();
        try {
            Outcome<T> outcome = handler.handle();
            metrics.done(sample, type, outcome.outcome());
            return outcome.response();
        } catch (ProblemException e) {
            metrics.done(sample, type, "http_" + e.status());
            throw e;
        } catch (RuntimeException e) {
            metrics.done(sample, type, "error");
            throw e;
        }
    }

}
