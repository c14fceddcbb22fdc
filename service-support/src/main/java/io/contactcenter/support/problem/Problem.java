package io.contactcenter.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem, {@code about:blank} when the status says it all
 * @param violations the fields that failed validation, when that is the problem
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: which field and why. */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }
}
