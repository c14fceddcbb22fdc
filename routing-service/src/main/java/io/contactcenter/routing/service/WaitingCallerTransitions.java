package io.contactcenter.routing.service;

import io.contactcenter.routing.domain.RoutedCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The transitions of what a waiting caller is told (the sibling of {@link CallTransitions}, which owns the routing
 * state): only this class writes {@code nextAnnounceAt}. Runs in the caller's transaction on the call's locked row.
 */
@ApplicationScoped
public class WaitingCallerTransitions {

    /**
     * The caller is about to hear their place in line: the next announcement is due after the department's interval.
     * Written before the announcement is made (outside the transaction), so no other worker repeats it meanwhile; a
     * lost announcement is not made again (the next one follows anyway).
     */
    public void announced(RoutedCall call, int intervalSeconds) {
        Instant now = Instant.now();
        call.nextAnnounceAt = now.plusSeconds(intervalSeconds);
        call.updatedAt = now;
    }
}
