package io.contactcenter.routing.service;

import io.contactcenter.routing.client.VonageFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The shape of every check of a leg with Vonage (a stale ringing agent leg, a long connected call, a callback leg that
 * rang past its time, a warm transfer's target): the due work is found and leased under its call's lock and committed,
 * Vonage is asked outside any transaction, and the answer is applied under the lock again. A crash in between leaves
 * the lease to run out; the check is then made again.
 */
final class LeasedCheck {

    private LeasedCheck() {
    }

    /** What Vonage answered ({@code value}), or why it could not be asked ({@code failure}). */
    record Answer<A>(A value, VonageFailure failure) {

        boolean reached() {
            return failure == null;
        }
    }

    /**
     * Runs one check; false when nothing was due. {@code lease} (in a new transaction) returns null when nothing is
     * due, empty when it settled the work without asking Vonage, else what to ask about; {@code ask} is the Vonage
     * request; {@code apply} (in a new transaction) takes the leased work and the answer.
     */
    static <L, A> boolean run(Callable<Optional<L>> lease, Function<L, A> ask, BiConsumer<L, Answer<A>> apply) {
        Optional<L> leased = QuarkusTransaction.requiringNew().call(lease);
        if (leased == null) {
            return false;
        }
        if (leased.isEmpty()) {
            return true;
        }
        L work = leased.get();
        Answer<A> answer;
        try {
            answer = new Answer<>(ask.apply(work), null);
        } catch (VonageFailure unreachable) {
            answer = new Answer<>(null, unreachable);
        }
        Answer<A> asked = answer;
        QuarkusTransaction.requiringNew().run(() -> apply.accept(work, asked));
        return true;
    }
}
