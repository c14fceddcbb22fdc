package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.vonage.client.users.User;
import com.vonage.client.users.UsersClient;
import com.vonage.client.users.UsersResponseException;

import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Users API driven by the SDK's UsersClient: USR- ids, duplicate names, 404s, JWT auth. */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class UsersApiTest extends SimulatorTestBase {

    @Test
    void sdkUsersClientWorksAgainstTheSimulator() {
        UsersClient users = vonage().getUsersClient();
        User jane = users.createUser(User.builder().name("jane").displayName("Jane Doe").build());
        assertTrue(jane.getId().startsWith("USR-"));
        assertEquals("Jane Doe", users.getUser(jane.getId()).getDisplayName());
        UsersResponseException duplicate = assertThrows(UsersResponseException.class,
                () -> users.createUser(User.builder().name("jane").build()));
        assertEquals(409, duplicate.getStatusCode());
        users.createUser(User.builder().name("bob").build());
        assertEquals(2, users.listUsers().size());
        assertEquals("Janet", users.updateUser(jane.getId(), User.builder().displayName("Janet").build()).getDisplayName());
        users.deleteUser(jane.getId());
        UsersResponseException gone = assertThrows(UsersResponseException.class, () -> users.getUser(jane.getId()));
        assertEquals(404, gone.getStatusCode());
        UsersResponseException refused = assertThrows(UsersResponseException.class,
                () -> vonage(SimulatorTestResource.otherPrivateKeyPem()).getUsersClient().listUsers());
        assertEquals(401, refused.getStatusCode());
    }
}
