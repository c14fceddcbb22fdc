package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.SignInService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Agents' sign-in with a password, renewal and sign-out of our tokens. */
@Path("/auth")
public class AuthResource {

    private final SignInService signIn;
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public AuthResource(SignInService signIn, JsonWebToken token, HttpServerRequest request) {
        this.signIn = signIn;
        this.token = token;
        this.request = request;
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    public SignInView signIn(@Valid @NotNull SignInRequest credentials) {
        return signIn.signIn(credentials.name(), credentials.password(), request.remoteAddress().hostAddress());
    }

    @POST
    @Path("/renew")
    @RolesAllowed(Roles.AGENT)
    public SignInView renew() {
        return signIn.renew(UUID.fromString(token.getSubject()));
    }

    @POST
    @Path("/sign-out")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    public void signOut() {
        signIn.signOut(token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()));
    }
}
