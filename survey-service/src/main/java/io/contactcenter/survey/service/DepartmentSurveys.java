package io.contactcenter.survey.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether departments want surveys, as far as a transition may know it without asking the directory (no HTTP inside a
 * transaction): the directory client's cache, plus the answers its adapter asked for before the transaction. A
 * transition that needs a department known to neither throws {@link Unknown}: its transaction rolls back, the adapter
 * asks the directory outside it ({@link #with}) and applies the record again.
 *
 * @param cached the fresh cached answer for a department, empty when there is none
 * @param asked answers the adapter got from the directory for this record
 */
public record DepartmentSurveys(Function<String, Optional<Boolean>> cached, Map<String, Boolean> asked) {

    /** Whether the department wants surveys; throws {@link Unknown} when only the directory can say. */
    public boolean enabled(String departmentId) {
        Boolean answer = asked.get(departmentId);
        if (answer != null) {
            return answer;
        }
        return cached.apply(departmentId).orElseThrow(() -> new Unknown(departmentId));
    }

    /** The same knowledge, plus the directory's {@code answer} for the department. */
    public DepartmentSurveys with(String departmentId, boolean answer) {
        Map<String, Boolean> more = new HashMap<>(asked);
        more.put(departmentId, answer);
        return new DepartmentSurveys(cached, Map.copyOf(more));
    }

    /** A decision needs the directory's answer for {@link #departmentId}. */
    public static final class Unknown extends RuntimeException {

        private final String departmentId;

        Unknown(String departmentId) {
            super("survey setting of department " + departmentId + " not at hand", null, false, false);
            this.departmentId = departmentId;
        }

        public String departmentId() {
            return departmentId;
        }
    }
}
