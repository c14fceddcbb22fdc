package io.contactcenter.survey.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JourneyRepository implements PanacheRepositoryBase<Journey, String> {

    /** The call's journey, created when unknown, locked for the rest of the transaction. */
    public Journey lockOrCreate(String callId) {
        Instant now = Instant.now();
        getEntityManager().createNativeQuery("""
                INSERT INTO journey (call_id, survey_state, created_at, updated_at)
                VALUES (:callId, 'NONE', :now, :now) ON CONFLICT (call_id) DO NOTHING""")
                .setParameter("callId", callId)
                .setParameter("now", now)
                .executeUpdate();
        return findById(callId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Records what an event says that cannot change the survey decision, in one statement and without reading the
     * journey (created when unknown): the caller's number (the first one seen), the call's region (the first one
     * seen: a known region is never replaced) and the caller leg's status until its final one; null values change nothing. Applying it twice changes
     * nothing, so no event id is stored for it.
     */
    public void recordFacts(String callId, String callerNumber, String regionUrl, String callerStatus,
            Instant now) {
        getEntityManager().createNativeQuery("""
                INSERT INTO journey (call_id, caller_number, region_url, caller_status, survey_state, created_at,
                                     updated_at)
                VALUES (:callId, :callerNumber, :regionUrl, :callerStatus, 'NONE', :now, :now)
                ON CONFLICT (call_id) DO UPDATE SET
                    caller_number = COALESCE(journey.caller_number, EXCLUDED.caller_number),
                    region_url = COALESCE(journey.region_url, EXCLUDED.region_url),
                    caller_status = CASE WHEN journey.caller_final_seen_at IS NULL
                                         THEN COALESCE(EXCLUDED.caller_status, journey.caller_status)
                                         ELSE journey.caller_status END,
                    updated_at = EXCLUDED.updated_at""")
                .setParameter("callId", callId)
                .setParameter("callerNumber", callerNumber)
                .setParameter("regionUrl", regionUrl)
                .setParameter("callerStatus", callerStatus)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** The call's journey locked for the rest of the transaction, if the call is known. */
    public Optional<Journey> lock(String callId) {
        return findByIdOptional(callId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The journey of the call whose caller's current leg is {@code legId}, locked: a callback's survey input, which
     * the gateway can name only by that leg's uuid.
     */
    public Optional<Journey> lockByCallerLeg(String legId) {
        return find("callerLegId", legId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Surveys still offered although they were offered before {@code offeredBefore}. */
    public List<String> offeredBefore(Instant offeredBefore, int limit) {
        return find("surveyState = ?1 and offeredAt < ?2", SurveyState.OFFERED, offeredBefore)
                .page(0, limit).list().stream().map(j -> j.callId).toList();
    }

    /**
     * Journeys whose caller left after an agent took the call, before {@code seenBefore}, still without routing's last
     * record for the call.
     */
    public List<String> waitingForRoutingSince(Instant seenBefore, int limit) {
        return find("surveyState = ?1 and agentConfirmedAt is not null and routingEndedAt is null"
                + " and callerFinalSeenAt < ?2", SurveyState.NONE, seenBefore)
                .page(0, limit).list().stream().map(j -> j.callId).toList();
    }

    /**
     * Offered surveys, and given-up ones whose caller left before the give-up, whose caller hung up before
     * {@code seenBefore}.
     */
    public List<String> offeredAndCallerGoneBefore(Instant seenBefore, int limit) {
        return find("(surveyState = ?1 or surveyState = ?2 and callerFinalAt < surveyGivenUpAt)"
                + " and callerFinalSeenAt < ?3", SurveyState.OFFERED, SurveyState.FAILED, seenBefore)
                .page(0, limit).list().stream().map(j -> j.callId).toList();
    }
}
