package io.contactcenter.directory.rest;

import io.contactcenter.directory.domain.AgentState;
import io.contactcenter.directory.domain.AgentStatus;
import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.CallDirection;
import io.contactcenter.directory.domain.EndpointType;
import io.contactcenter.directory.domain.ReleaseOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the types Jackson reads and writes in this service, registered for reflection in one place (a new
 * DTO that is missing here fails deploy-checks' {@code NativeReflectionTest}).
 */
@RegisterForReflection(targets = {
        AgentRequest.class, AgentView.class, AgentSnapshot.class, AgentSnapshot.Offer.class, AgentSnapshot.Call.class,
        AgentSnapshot.PendingDisposition.class, DeskConfigResource.DeskConfig.class, DispositionChoice.class,
        DispositionRequest.class, DispositionView.class, OutboundCheckRequest.class, PasswordChange.class,
        PasswordReset.class, SignInRequest.class, SignInView.class, TodayView.class,
        io.contactcenter.directory.client.SurveyApi.Summary.class, CallDirection.class,
        AnsweredRequest.class, AssignmentView.class, ClaimRequest.class,
        ClaimResult.class, DepartmentRequest.class, DepartmentView.class, EndpointDto.class, OutboundCallRequest.class,
        OutboundCallView.class, ReleaseRequest.class,
        StatusChange.class, UserToken.class, UserTokenRequest.class, VonageUserChange.class,
        AgentState.class, AgentStatus.class, AssignmentState.class, EndpointType.class, ReleaseOutcome.class })
final class JsonTypes {

    private JsonTypes() {
    }
}
