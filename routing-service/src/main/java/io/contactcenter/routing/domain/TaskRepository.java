package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TaskRepository implements PanacheRepository<Task> {

    /**
     * The next due task whose call has no older task left (a call's tasks run in order), locked; tasks another
     * replica is running are skipped.
     */
    @SuppressWarnings("unchecked")
    public Optional<Task> lockNextDue(Instant now) {
        List<Task> rows = getEntityManager().createNativeQuery("""
                select t.* from task t
                where t.due_at <= ?1
                  and not exists (select 1 from task p where p.call_id = t.call_id and p.id < t.id)
                order by t.due_at, t.id
                limit 1
                for update of t skip locked""", Task.class)
                .setParameter(1, now).getResultList();
        return rows.stream().findFirst();
    }

    public boolean hasPending(String callId, Task.Kind kind) {
        return count("callId = ?1 and kind = ?2", callId, kind) > 0;
    }
}
