package io.contactcenter.survey.client;

import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryModel;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Whether a department wants post-call surveys ({@code surveyEnabled} of {@code GET /departments/{id}}, absent = yes),
 * from the directory client, which caches departments for {@code directory.department-cache-ttl}. When the directory
 * cannot answer (or refuses) the survey is considered enabled (a survey too many is better than a silently lost one),
 * which is logged and not cached. Never asked inside a database transaction: the journey's transitions read only
 * {@link #cachedSurveyEnabled}.
 */
@ApplicationScoped
public class DepartmentSurveySettings {

    private final DirectoryClient directory;

    public DepartmentSurveySettings(DirectoryClient directory) {
        this.directory = directory;
    }

    /** The department's answer when it is cached and fresh; empty when the directory has to be asked. */
    public Optional<Boolean> cachedSurveyEnabled(String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            return Optional.of(true);
        }
        return directory.cachedDepartment(departmentId).map(DirectoryModel.Department::wantsSurveys);
    }

    /** Whether the department wants surveys: the cached answer, else the directory's (enabled when it cannot say). */
    public boolean surveyEnabled(String departmentId) {
        Optional<Boolean> cached = cachedSurveyEnabled(departmentId);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            return directory.department(departmentId).wantsSurveys();
        } catch (RuntimeException failure) {
            Log.warnf("directory did not say whether department %s wants surveys (%s); offering the survey "
                    + "(default enabled)", departmentId, failure.toString());
            return true;
        }
    }
}
