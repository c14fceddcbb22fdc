package io.contactcenter.simulator.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * The calls as the APIs see them: people dial in, the Voice API creates and controls legs, people press keys, hang
 * up and speak. Leg lives are in {@link LegLifecycle}, NCCOs run in {@link NccoInterpreter}, who hears whom is
 * {@link Conversations}', webhook bodies are {@link WebhookPayloads}'.
 */
@ApplicationScoped
public class CallEngine {

    private final SimulatorConfig config;
    private final LegLifecycle lifecycle;
    private final NccoInterpreter interpreter;
    private final LegEvents events;
    private final Conversations conversations;
    private final People people;
    private final Regions regions;

    public CallEngine(SimulatorConfig config, LegLifecycle lifecycle, NccoInterpreter interpreter, LegEvents events,
                      Conversations conversations, People people, Regions regions) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.interpreter = interpreter;
        this.events = events;
        this.conversations = conversations;
        this.people = people;
        this.regions = regions;
    }

    public Leg leg(String uuid) {
        return lifecycle.leg(uuid);
    }

    public Collection<Leg> legs() {
        return lifecycle.legs();
    }

    /** Forget every call (tests); live legs are hung up first. */
    public void reset() {
        lifecycle.reset();
    }

    /** A person dials in (PSTN or in-app): answer webhook, then the NCCO runs; the call lands in the next region. */
    public Leg dialIn(String from, String fromUser, String to, List<CallerStep> steps) {
        return dialIn(from, fromUser, to, steps, regions.place(null));
    }

    /** A person dials in, the call living in {@code region} (null in single-region mode). */
    public Leg dialIn(String from, String fromUser, String to, List<CallerStep> steps, Region region) {
        Leg.Endpoint caller = fromUser != null ? new Leg.Endpoint("app", fromUser) : new Leg.Endpoint("phone", from);
        String called = to == null || to.isBlank() ? config.number() : to;
        Leg leg = new Leg("inbound", caller, new Leg.Endpoint("phone", called));
        leg.region = region;
        leg.eventUrl = config.eventUrl();
        leg.answerUrl = config.answerUrl();
        List<CallerStep> timed = new ArrayList<>();
        for (CallerStep step : steps == null ? List.<CallerStep>of() : steps) {
            if (step.whenHeard() != null) {
                leg.heardSteps.add(step);
            } else {
                timed.add(step);
            }
        }
        lifecycle.start(leg, "caller " + caller.value() + " dials " + called
                + (region == null ? "" : " (region " + region.name() + ")"), () -> runInbound(leg, timed));
        return leg;
    }

    /**
     * POST /v1/calls: an outbound leg that rings its endpoint, then runs its NCCO or answer_url; it lives in the
     * region the request went through (null in single-region mode).
     */
    public Leg createOutbound(Leg.Endpoint to, Leg.Endpoint from, JsonNode ncco, String answerUrl, String answerMethod,
                              String eventUrl, String eventMethod, int ringingTimer, int lengthTimer, Region region) {
        Leg leg = new Leg("outbound", from, to);
        leg.region = region;
        leg.ncco = ncco;
        leg.answerUrl = answerUrl;
        leg.answerMethod = answerMethod == null ? "GET" : answerMethod;
        leg.eventUrl = eventUrl == null ? config.eventUrl() : eventUrl;
        leg.eventMethod = eventMethod == null ? "POST" : eventMethod;
        leg.ringingTimer = ringingTimer;
        leg.lengthTimer = lengthTimer;
        lifecycle.start(leg, "outbound call to " + to.type() + " " + to.value()
                + (region == null ? "" : " (region " + region.name() + ")"), () -> runOutbound(leg));
        return leg;
    }

    private void runInbound(Leg leg, List<CallerStep> timed) {
        events.status(leg, "ringing", null, null);
        JsonNode ncco = events.fetchAnswer(leg, leg.answerUrl, "GET");
        if (ncco == null) {
            lifecycle.end(leg, "failed", "internal_error", "platform");
            return;
        }
        lifecycle.answered(leg);
        for (CallerStep step : timed) {
            people.schedule(leg, step.atSecond() == null ? 0 : step.atSecond(), step);
        }
        interpreter.run(leg, ncco);
    }

    private void runOutbound(Leg leg) {
        if (!lifecycle.ring(leg)) {
            return;
        }
        JsonNode ncco = leg.ncco;
        if (ncco == null) {
            ncco = events.fetchAnswer(leg, leg.answerUrl, leg.answerMethod);
            if (ncco == null) {
                lifecycle.end(leg, "completed", null, "platform");
                return;
            }
        }
        interpreter.run(leg, ncco);
    }

    // ---------------------------------------------------------------------------------------------- people

    /** A person presses keys on a leg's phone. */
    public void press(Leg leg, String digits) {
        people.press(leg, digits);
    }

    public void hangupByPerson(Leg leg) {
        people.hangUp(leg);
    }

    /**
     * The person on the leg says something.
     *
     * @return the uuids of the legs that heard it
     */
    public List<String> say(Leg leg, String text) {
        return conversations.say(leg, text).stream().map(Leg::uuid).toList();
    }

    // ---------------------------------------------------------------------------------------------- REST control

    /** {@code PUT /v1/calls/{uuid}/talk}: the person on the leg hears the text, wherever the leg is. */
    public void talkInto(Leg leg, String text) {
        interpreter.talkInto(leg, text);
    }

    public void modify(Leg leg, String action, JsonNode destination) {
        events.record(leg, Transcript.CONTROL, "REST " + action, destination == null ? Map.of("action", action)
                : Map.of("action", action, "destination", destination));
        switch (action) {
            case "hangup" -> leg.signal(new Signal.Hangup("platform"));
            case "mute" -> leg.muted = true;
            case "unmute" -> leg.muted = false;
            case "earmuff" -> leg.earmuffed = true;
            case "unearmuff" -> leg.earmuffed = false;
            case "transfer" -> {
                JsonNode ncco = destination.get("ncco");
                boolean inline = ncco != null && ncco.isArray();
                leg.signal(new Signal.Transfer(inline ? ncco : null,
                        inline ? null : WebhookPayloads.firstUrl(destination.get("url"))));
            }
            default -> throw new IllegalArgumentException(action);
        }
    }
}
