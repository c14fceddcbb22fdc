package io.contactcenter.directory.rest;

import io.contactcenter.directory.service.OutboundCallService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Whether an in-app agent may place a call now (asked by the gateway's answer webhook): 200 allowed, 403 refused with
 * the reason, 404 not an agent.
 */
@Path("/outbound-calls")
public class OutboundCallResource {

    private final OutboundCallService calls;

    public OutboundCallResource(OutboundCallService calls) {
        this.calls = calls;
    }

    @POST
    @RolesAllowed(Roles.GATEWAY)
    public OutboundCallView allow(@Valid @NotNull OutboundCallRequest request) {
        return calls.allow(request);
    }

    /**
     * Whether routing may hand a call to this number (a cold transfer to a number): 204 when the outbound allow-list
     * ({@code DIRECTORY_OUTBOUND_PREFIXES}) has it, else 403 with the reason; 400 not a number.
     */
    @POST
    @Path("/check")
    @RolesAllowed(Roles.ROUTING)
    public void check(@Valid @NotNull OutboundCheckRequest request) {
        calls.checkTransferNumber(request.to());
    }
}
