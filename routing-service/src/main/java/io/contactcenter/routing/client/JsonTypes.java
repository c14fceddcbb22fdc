package io.contactcenter.routing.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the directory requests and answers Jackson writes and reads in this service, registered for
 * reflection in one place (a new DTO that is missing here fails deploy-checks' {@code NativeReflectionTest}).
 */
@RegisterForReflection(targets = {
        DirectoryModel.Department.class, DirectoryModel.Endpoint.class, DirectoryModel.Agent.class,
        DirectoryModel.ClaimRequest.class, DirectoryModel.Claim.class, DirectoryModel.AgentRef.class,
        DirectoryModel.ReleaseRequest.class, DirectoryModel.AssignmentView.class })
final class JsonTypes {

    private JsonTypes() {
    }
}
