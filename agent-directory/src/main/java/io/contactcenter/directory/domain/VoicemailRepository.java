package io.contactcenter.directory.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class VoicemailRepository implements PanacheRepositoryBase<Voicemail, UUID> {

    public Optional<Voicemail> findByCall(String callId) {
        return find("callId", callId).firstResultOptional();
    }

    /** Newest first. */
    public List<Voicemail> latest(UUID departmentId, int limit) {
        return find("departmentId", Sort.descending("receivedAt").and("id"), departmentId)
                .page(Page.ofSize(limit)).list();
    }

    /**
     * Stores the message unless one of the same call is there already (Vonage may deliver the record event twice, and
     * two gateway replicas may race): {@code on conflict do nothing}, so neither copy fails.
     */
    public void insertOnce(Voicemail v) {
        getEntityManager().createNativeQuery("""
                insert into directory.voicemail (id, call_id, department_id, caller_number, recording_url, recording_uuid,
                                       duration_seconds, recorded_at, received_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (call_id) do nothing""")
                .setParameter(1, v.id).setParameter(2, v.callId).setParameter(3, v.departmentId)
                .setParameter(4, v.callerNumber).setParameter(5, v.recordingUrl).setParameter(6, v.recordingUuid)
                .setParameter(7, v.durationSeconds).setParameter(8, v.recordedAt).setParameter(9, v.receivedAt)
                .executeUpdate();
    }
}
