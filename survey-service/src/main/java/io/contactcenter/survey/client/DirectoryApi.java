package io.contactcenter.survey.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The agent directory's REST API as survey uses it (base URL {@code DIRECTORY_URL}); each request carries survey's
 * own bearer token ({@link DirectoryClient}). Built by {@link DirectoryClient} with the configured timeouts.
 */
@Produces(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    @GET
    @Path("/departments/{id}")
    Department department(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

    /** What survey reads of a department: whether it wants post-call surveys (absent = yes). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Department(Boolean surveyEnabled) {
    }
}
