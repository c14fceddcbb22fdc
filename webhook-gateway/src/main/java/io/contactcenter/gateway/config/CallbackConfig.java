package io.contactcenter.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What a waiting caller hears in the callback dialogue ({@code gateway.callback.*}; routing makes the offer itself). */
@ConfigMapping(prefix = "gateway.callback")
public interface CallbackConfig {

    /** The caller's own number can be called: {@code {last}} is its last four digits, said one by one. */
    @WithDefault("We will call you back on the number ending in {last}. Press 1 to confirm, or key another number followed by the hash key.")
    String confirmOwnNumber();

    /** The caller's number is withheld or not callable. */
    @WithDefault("Please key the number we should call you back on, followed by the hash key.")
    String keyNumber();

    /** Said before the number prompt again after a key sequence that is no callable number. */
    @WithDefault("Sorry, that is not a number we can call.")
    String invalidNumber();

    /** The callback is arranged; {@code {number}} is the number, said digit by digit. Then the call ends. */
    @WithDefault("Thank you. We will call you back on {number} when it is your turn. Goodbye.")
    String confirmed();

    /** Routing could not be told (Kafka did not acknowledge in time): said before the caller goes back to waiting. */
    @WithDefault("Sorry, we cannot arrange a callback right now. Please stay on the line.")
    String unavailable();

    /** Seconds the number prompt waits for keys. */
    @WithDefault("10")
    @Min(3)
    @Max(30)
    int inputTimeoutSeconds();

    /** Number prompts before the caller goes back to waiting. */
    @WithDefault("2")
    @Min(1)
    @Max(5)
    int maxAttempts();
}
