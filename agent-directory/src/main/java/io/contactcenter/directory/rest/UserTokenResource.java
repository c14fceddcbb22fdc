package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.UserTokenService;
import io.contactcenter.support.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;

/** Vonage Client SDK login for in-app agents: an agent gets its own token, an admin anyone's. */
@Path("/api/jwt")
public class UserTokenResource {

    private final UserTokenService tokens;
    private final SecurityIdentity caller;

    public UserTokenResource(UserTokenService tokens, SecurityIdentity caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public UserToken issue(UserTokenRequest request) {
        String self = caller.getPrincipal().getName();
        UUID agentId = request == null || request.agentId() == null ? parseSelf(self) : request.agentId();
        if (!caller.hasRole(Roles.ADMIN) && !agentId.toString().equals(self)) {
            throw ProblemException.forbidden("an agent may only get its own token");
        }
        return tokens.issue(agentId);
    }

    private UUID parseSelf(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("agentId is required: the token's subject is not an agent id");
        }
    }
}
