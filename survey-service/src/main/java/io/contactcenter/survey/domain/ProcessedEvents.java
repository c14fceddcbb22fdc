package io.contactcenter.survey.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The ids of Kafka records already applied, written in the transaction that applies them. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records {@code eventId} as processed; false when it already was (a duplicate delivery). */
    public boolean firstTime(String topic, String eventId) {
        return entityManager.createNativeQuery("""
                INSERT INTO processed_event (event_id, topic, processed_at) VALUES (:id, :topic, :now)
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter("id", topic + ":" + eventId)
                .setParameter("topic", topic)
                .setParameter("now", Instant.now())
                .executeUpdate() == 1;
    }
}
