package io.contactcenter.simulator.engine;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.transcript.Transcript;

/** The people on the legs: they press keys and hang up, now, at a moment, or when they heard a prompt. */
@ApplicationScoped
public class People {

    private final LegEvents events;
    private final SimClock clock;

    public People(LegEvents events, SimClock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** A step of the leg's script, {@code atSimSecond} simulated seconds from now. */
    void schedule(Leg leg, double atSimSecond, CallerStep step) {
        clock.after(atSimSecond, () -> perform(leg, step));
    }

    private void perform(Leg leg, CallerStep step) {
        if (leg.ended) {
            return;
        }
        if (Boolean.TRUE.equals(step.hangup())) {
            hangUp(leg);
        } else if (step.digits() != null) {
            press(leg, step.digits());
        }
    }

    /** A talk was heard (at its start or its end): fire the caller's matching steps (each once). */
    void heard(Leg leg, String text, boolean atStart) {
        String lower = text.toLowerCase(Locale.ROOT);
        synchronized (leg.heardSteps) {
            var it = leg.heardSteps.iterator();
            while (it.hasNext()) {
                CallerStep step = it.next();
                boolean during = Boolean.TRUE.equals(step.duringTalk());
                if (during == atStart && lower.contains(step.whenHeard().toLowerCase(Locale.ROOT))) {
                    it.remove();
                    schedule(leg, step.delaySeconds() == null ? 0.5 : step.delaySeconds(), step);
                }
            }
        }
    }

    /** A person presses keys on a leg's phone. */
    void press(Leg leg, String digits) {
        events.record(leg, Transcript.DTMF, "pressed " + digits, Map.of("digits", digits));
        leg.signal(new Signal.Digits(digits));
    }

    void hangUp(Leg leg) {
        events.record(leg, Transcript.CONTROL, "hung up by the person", Map.of("by", "user"));
        leg.signal(new Signal.Hangup("user"));
    }
}
