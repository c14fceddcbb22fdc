package io.contactcenter.routing.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.contactcenter.support.work.WorkWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TaskRepository implements PanacheRepository<Task> {

    /** The {@code WorkLoop} that runs the tasks. */
    public static final String LOOP = "routing-tasks";

    private final Event<WorkWritten> written;

    public TaskRepository(Event<WorkWritten> written) {
        this.written = written;
    }

    /** Stores a task; the task loop wakes once the transaction commits. */
    public void add(Task task) {
        persist(task);
        written.fire(new WorkWritten(LOOP));
    }

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

    /**
     * Whether a task of this kind is still to run for the call. Asked on every claim, so not a Panache
     * {@code count}: Hibernate translates a count query to SQL again on every execution (profiled at 10 calls/s:
     * a tenth of routing's queue and consumer CPU), while this query's translation is cached.
     */
    public boolean hasPending(String callId, Task.Kind kind) {
        return !getEntityManager()
                .createQuery("select t.id from Task t where t.callId = :callId and t.kind = :kind", Long.class)
                .setParameter("callId", callId)
                .setParameter("kind", kind)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
