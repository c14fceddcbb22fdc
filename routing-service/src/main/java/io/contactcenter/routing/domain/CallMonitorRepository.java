package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The supervisors' monitor legs and their audit log ({@code monitor_audit}: every start, switch and end). */
@ApplicationScoped
public class CallMonitorRepository implements PanacheRepositoryBase<CallMonitor, String> {

    /** One line of the audit log. */
    public record AuditEntry(String supervisorId, String callId, String monitorId, String mode, String action,
            Instant at) {
    }

    /** The call's monitors not ended, oldest first. */
    public List<CallMonitor> active(String callId) {
        return list("callId = ?1 and state = ?2 order by startedAt", callId, CallMonitor.ACTIVE);
    }

    /** The active monitor whose leg this is, if any. */
    public Optional<CallMonitor> activeByLeg(String callId, String legId) {
        return find("callId = ?1 and legId = ?2 and state = ?3", callId, legId, CallMonitor.ACTIVE)
                .firstResultOptional();
    }

    /** Writes {@code action} (START, SWITCH, END) of the monitor in its current mode to the audit log. */
    public void audit(CallMonitor monitor, String action, Instant at) {
        getEntityManager().createNativeQuery("""
                insert into monitor_audit (call_id, monitor_id, supervisor_id, mode, action, at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, monitor.callId).setParameter(2, monitor.id).setParameter(3, monitor.supervisorId)
                .setParameter(4, monitor.mode).setParameter(5, action).setParameter(6, at)
                .executeUpdate();
    }

    /** The call's audit log in order. */
    public List<AuditEntry> auditOf(String callId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select supervisor_id, call_id, monitor_id, mode, action, at from monitor_audit
                 where call_id = ?1 order by at, id""")
                .setParameter(1, callId).getResultList();
        return rows.stream().map(row -> new AuditEntry((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], toInstant(row[5]))).toList();
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant instant ? instant
                : value instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : ((java.sql.Timestamp) value).toInstant();
    }
}
