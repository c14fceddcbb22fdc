package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The calls' recordings ({@code call_recording}). */
@ApplicationScoped
public class CallRecordingRepository implements PanacheRepositoryBase<CallRecording, String> {

    /** Stores a recording once: false when a row with its uuid is there already (a redelivered report). */
    public boolean insertOnce(CallRecording recording) {
        return getEntityManager().createNativeQuery("""
                insert into call_recording (recording_uuid, call_id, department_id, agent_ids, url, duration_seconds,
                                            started_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (recording_uuid) do nothing""")
                .setParameter(1, recording.recordingUuid).setParameter(2, recording.callId)
                .setParameter(3, recording.departmentId).setParameter(4, recording.agentIds)
                .setParameter(5, recording.url).setParameter(6, recording.durationSeconds)
                .setParameter(7, recording.startedAt)
                .executeUpdate() == 1;
    }

    /** The newest {@code limit} recordings, of one department and/or call when given (null: any), newest first. */
    public List<CallRecording> newest(String departmentId, String callId, int limit) {
        StringBuilder where = new StringBuilder("startedAt is not null");
        Parameters parameters = new Parameters();
        if (departmentId != null) {
            where.append(" and departmentId = :department");
            parameters.and("department", departmentId);
        }
        if (callId != null) {
            where.append(" and callId = :call");
            parameters.and("call", callId);
        }
        return find(where + " order by startedAt desc, recordingUuid", parameters).page(0, limit).list();
    }
}
