package io.contactcenter.routing.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Ids of consumed records already handled, written in the handler's transaction. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the id; false when it was already recorded (a redelivery). A concurrent transaction recording the
     * same id makes this one wait for it, then answer false.
     */
    public boolean firstTime(String eventId) {
        return em.createNativeQuery(
                        "insert into processed_event (event_id, processed_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, eventId).setParameter(2, Instant.now()).executeUpdate() == 1;
    }
}
