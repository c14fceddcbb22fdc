package io.contactcenter.simulator.rest;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.contactcenter.simulator.account.NumberInventory;
import io.contactcenter.simulator.account.NumberInventory.Owned;

import static io.contactcenter.simulator.rest.NumbersResource.bounded;
import static io.contactcenter.simulator.rest.NumbersResource.country;
import static io.contactcenter.simulator.rest.NumbersResource.error;
import static io.contactcenter.simulator.rest.NumbersResource.params;
import static io.contactcenter.simulator.rest.NumbersResource.pattern;
import static io.contactcenter.simulator.rest.NumbersResource.unauthorized;

/** {@code GET /account/numbers}: the numbers the account owns, filtered like Vonage (see {@link NumbersResource}). */
@Path("/account/numbers")
@Tag(name = "Numbers API (simulated)")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class OwnedNumbersResource {

    private final NumbersResource numbersApi;
    private final NumberInventory numbers;

    public OwnedNumbersResource(NumbersResource numbersApi, NumberInventory numbers) {
        this.numbersApi = numbersApi;
        this.numbers = numbers;
    }

    @GET
        public Response owned(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        Map<String, String> params = params(uri, null);
        if (!numbersApi.authorized(authorization, params)) {
            return unauthorized();
        }
        Integer size = bounded(params.get("size"), 10, 1, 100);
        Integer index = bounded(params.get("index"), 1, 1, Integer.MAX_VALUE);
        Integer searchPattern = bounded(params.get("search_pattern"), 0, 0, 2);
        if (size == null || index == null || searchPattern == null) {
            return error(400, "400", "size must be 1-100, index at least 1, search_pattern 0, 1 or 2");
        }
        String country = params.get("country") == null ? null : country(params.get("country"));
        String application = params.get("application_id");
        String hasApplication = params.get("has_application");
        Predicate<String> pattern = pattern(params.get("pattern"), searchPattern);
        List<Owned> found = numbers.owned().stream()
                .filter(n -> country == null || n.country.equals(country))
                .filter(n -> application == null || application.equals(n.appId))
                .filter(n -> hasApplication == null || Boolean.parseBoolean(hasApplication) == (n.appId != null))
                .filter(n -> pattern.test(n.msisdn))
                .toList();
        List<Map<String, Object>> page = found.subList(Math.min(found.size(), (index - 1) * size),
                Math.min(found.size(), index * size)).stream().map(NumberInventory::view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", found.size());
        if (!page.isEmpty()) {
            body.put("numbers", page);
        }
        return Response.ok(body).build();
    }

}
