package io.contactcenter.simulator.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.contactcenter.simulator.account.ApplicationRegistry;
import io.contactcenter.simulator.account.FailurePlan;
import io.contactcenter.simulator.account.NumberInventory;
import io.contactcenter.simulator.client.FailureSwitch;
import io.contactcenter.support.problem.ProblemException;

/** The simulated account (applications, numbers, users) and the failure switch, for tests and people. */
@Path("/simulator")
@Tag(name = "Simulator account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AccountSimulatorResource {

    private final ApplicationRegistry applications;
    private final NumberInventory numbers;
    private final UsersResource users;
    private final FailurePlan failures;

    public AccountSimulatorResource(ApplicationRegistry applications, NumberInventory numbers, UsersResource users,
                                    FailurePlan failures) {
        this.applications = applications;
        this.numbers = numbers;
        this.users = users;
        this.failures = failures;
    }

    @GET
    @Path("/account")
    @Operation(summary = "Applications, owned numbers and pending injected failures")
    public Map<String, Object> account() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("applications", applications.list());
        view.put("numbers", numbers.owned().stream().map(NumberInventory::view).toList());
        view.put("failures", failures.view());
        return view;
    }

    @POST
    @Path("/account/reset")
    @Operation(summary = "Forget created applications, bought numbers, users and injected failures")
    public Map<String, Object> reset() {
        applications.clear();
        numbers.reset();
        users.clear();
        failures.clear();
        return account();
    }

    @PUT
    @Path("/failures")
    @Operation(summary = "Answer the next `count` requests of `method` `path` (a trailing /* matches below) with `status`")
    public List<Map<String, Object>> fail(FailureSwitch failure) {
        if (failure == null || failure.method() == null || failure.path() == null || failure.path().isBlank()
                || !List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(failure.method().toUpperCase())) {
            throw ProblemException.badRequest("method (GET, POST, PUT, PATCH, DELETE) and path are required");
        }
        if (failure.status() < 400 || failure.status() > 599 || failure.count() < 1) {
            throw ProblemException.badRequest("status must be 400-599 and count at least 1");
        }
        failures.add(failure.method(), failure.path(), failure.status(), failure.count());
        return failures.view();
    }

    @DELETE
    @Path("/failures")
    public List<Map<String, Object>> clearFailures() {
        failures.clear();
        return failures.view();
    }
}
