package io.contactcenter.survey.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.survey.client.CallerLegs;
import io.contactcenter.survey.config.ReconcilerConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Settles journeys still waiting for their caller far longer than possible, against Vonage's call state: a survey
 * offered {@code offered-after} ago with neither an input nor the caller's hang-up, and a journey without a survey
 * decision whose caller has not hung up {@code open-after} after it began. The caller's leg (the callback leg after a
 * callback) is read from Vonage ({@code GET /v1/calls/{uuid}}, outside any transaction); when Vonage reports it ended
 * (a final status, or 404), the lost hang-up is applied as if its webhook had come — the same rules then settle the
 * journey (an offered survey: {@code CALLER_HUNG_UP} after the hang-up grace). A leg still up is asked about again
 * after the same period. Due journeys are leased ({@code caller_checked_at}) with SKIP LOCKED, so replicas share them.
 *
 * <p>It also bounds a caller's hang-up waiting for routing's last record ({@link JourneyService#settleRoutingSilent}):
 * after the same {@code offered-after}, the longest Kafka delay that changes no outcome.
 */
@ApplicationScoped
public class Reconciler {

    private static final int BATCH = 50;

    private final EntityManager em;
    private final CallerLegs vonage;
    private final JourneyService journeys;
    private final ReconcilerConfig config;

    public Reconciler(EntityManager em, CallerLegs vonage, JourneyService journeys, ReconcilerConfig config) {
        this.em = em;
        this.vonage = vonage;
        this.journeys = journeys;
        this.config = config;
    }

    @Scheduled(identity = "survey-reconciler", every = "${survey.reconciler.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            Log.warnf(e, "Survey reconciler failed; it runs again at the next tick");
        }
    }

    /** Checks the due journeys (a batch); answers how many Vonage reported ended. */
    public int runOnce() {
        Instant now = Instant.now();
        List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> leaseDue(now));
        int ended = 0;
        for (Object[] row : due) {
            String callId = (String) row[0];
            String regionUrl = (String) row[1];
            String callerLeg = (String) row[2];
            var end = vonage.ended(regionUrl, callerLeg);
            if (end.isPresent()) {
                Log.warnf("call %s: the caller's leg ended (%s, Vonage) but its webhook never came; applied now",
                        callId, end.get().status().vonageWord());
                journeys.onCallEvent(new CallEvent("reconciler-" + callerLeg, CallEvent.VERSION, callId, callerLeg,
                        Role.CALLER, null, EventKind.STATUS, end.get().status(), null, null, null, null, null,
                        regionUrl, end.get().at(), now, Map.of("reconciled", "true")));
                ended++;
            }
        }
        journeys.settleRoutingSilent(now.minus(config.offeredAfter()));
        return ended;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> leaseDue(Instant now) {
        List<Object[]> due = em.createNativeQuery("""
                SELECT call_id, region_url, COALESCE(caller_leg_id, call_id) FROM journey
                WHERE survey_state IN ('NONE', 'OFFERED') AND caller_final_seen_at IS NULL
                  AND ((survey_state = 'OFFERED' AND COALESCE(caller_checked_at, offered_at) < ?1)
                    OR (survey_state = 'NONE' AND COALESCE(caller_checked_at, created_at) < ?2))
                LIMIT ?3 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now.minus(config.offeredAfter())).setParameter(2, now.minus(config.openAfter()))
                .setParameter(3, BATCH).getResultList();
        if (!due.isEmpty()) {
            em.createNativeQuery("UPDATE journey SET caller_checked_at = ?1 WHERE call_id IN (?2)")
                    .setParameter(1, now).setParameter(2, due.stream().map(row -> (String) row[0]).toList())
                    .executeUpdate();
        }
        return due;
    }
}
