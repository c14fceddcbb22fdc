package io.contactcenter.bench.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The yardstick of the answer-webhook benchmark: the same path, the same static NCCO and the same stack as the
 * gateway (Quarkus REST, a String on a worker thread), without signature verification, menu or Kafka publishing.
 */
@Path("/webhooks/answer")
public class StaticAnswerResource {

    private final String ncco;

    public StaticAnswerResource(@ConfigProperty(name = "baseline.ncco") String ncco) {
        this.ncco = ncco;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String answer() {
        return ncco;
    }
}
