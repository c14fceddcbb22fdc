package io.contactcenter.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What can happen to a leg while its NCCO runs; delivered through the leg's queue. */
public sealed interface Signal {

    record Digits(String digits) implements Signal {
    }

    record Hangup(String by) implements Signal {
    }

    /** REST transfer: an inline NCCO or a URL to fetch one from. */
    record Transfer(JsonNode ncco, String url) implements Signal {
    }

    record ConversationEnded(String name) implements Signal {
    }

    /** The leg a connect action created has answered or failed. */
    record PeerOutcome(Leg peer, String status, String detail) implements Signal {
    }

    record PeerEnded(Leg peer) implements Signal {
    }

    /** A person answers / rejects a ringing leg (softphone). */
    record Answer() implements Signal {
    }

    record Reject() implements Signal {
    }
}
