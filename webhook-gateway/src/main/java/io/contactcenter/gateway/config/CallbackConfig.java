package io.contactcenter.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What a waiting caller hears in the callback dialogue ({@code gateway.callback.*}; routing makes the offer itself). */
@ConfigMapping(prefix = "gateway.callback")
public interface CallbackConfig {

    /**
     * The caller's own number can be called: {@code {last}} is its last four digits, said one by one (a question: the
     * callback is not arranged yet).
     */
    @WithDefault("Should we call you back on the number ending in {last}? Press 1 to confirm, or key another number followed by the hash key.")
    String confirmOwnNumber();

    /** The caller's number is withheld or not callable. */
    @WithDefault("Please key the number we should call you back on, followed by the hash key.")
    String keyNumber();

    /** Said before the number prompt again after a key sequence that is no callable number. */
    @WithDefault("Sorry, that is not a number we can call.")
    String invalidNumber();

    /**
     * A waiting caller's request reached routing (Kafka acknowledged it); {@code {number}} is the number, said digit by
     * digit. Then the call ends. No promise of a callback: routing does not keep a request that comes after an agent
     * answered into the conversation meanwhile, which the gateway cannot know when it answers.
     */
    @WithDefault("Thank you. We have your request to be called back on {number}. Goodbye.")
    String confirmed();

    /**
     * A closed department's caller asked to be called back at its next opening (routing always keeps such a request);
     * {@code {number}} as above. Then the call ends.
     */
    @WithDefault("Thank you. We will call you back on {number} when we open. Goodbye.")
    String confirmedAtOpening();

    /**
     * Routing could not be told (Kafka did not acknowledge in time): said before the waiting caller goes back to
     * waiting ({@link #stayOnTheLine}), or before a closed department's goodbye.
     */
    @WithDefault("Sorry, we cannot arrange a callback right now.")
    String unavailable();

    /** Said after an apology, before the waiting caller goes back into the waiting conversation. */
    @WithDefault("Please stay on the line.")
    String stayOnTheLine();

    /** Seconds the number prompt waits for keys. */
    @WithDefault("10")
    @Min(3)
    @Max(30)
    int inputTimeoutSeconds();

    /** Number prompts (and a closed department's choices) before the caller goes back to waiting or hears goodbye. */
    @WithDefault("2")
    @Min(1)
    @Max(5)
    int maxAttempts();
}
