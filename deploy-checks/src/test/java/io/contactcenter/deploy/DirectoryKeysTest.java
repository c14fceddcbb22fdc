package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege between the services (issue 25, item 5): every service that calls the directory holds a private key
 * of its own, from a Secret of its own, and the directory is given each caller's public key under that caller's
 * name. No shared, long-lived service token is deployed anywhere.
 */
class DirectoryKeysTest {

    /** Directory role of a calling Deployment: webhook-gateway → GATEWAY, routing-service → ROUTING, ... */
    static String role(String deployment) {
        return deployment.replace("webhook-", "").replace("-service", "").toUpperCase();
    }

    private static Optional<EnvVar> env(Deployment deployment, String name) {
        return Optional.ofNullable(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .orElse(List.of()).stream().filter(v -> v.getName().equals(name)).findFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCallerHasItsOwnKeyAndTheDirectoryKnowsEachPublicHalf(String overlay) {
        Manifest manifest = Project.rendered(overlay);
        Set<String> callers = new TreeSet<>();
        Set<String> secrets = new TreeSet<>();
        for (Deployment deployment : manifest.deployments()) {
            String name = deployment.getMetadata().getName();
            Optional<EnvVar> key = env(deployment, "DIRECTORY_SERVICE_KEY");
            if (key.isEmpty()) {
                continue;
            }
            callers.add(name);
            var ref = key.get().getValueFrom() == null ? null : key.get().getValueFrom().getSecretKeyRef();
            assertNotNull(ref, name + ": DIRECTORY_SERVICE_KEY comes from a Secret");
            assertEquals(name + "-directory-key", ref.getName(), name + ": a Secret of its own");
            assertTrue(secrets.add(ref.getName()), name + ": the key is not shared");
        }
        Set<String> calling = manifest.deployments().stream().map(d -> d.getMetadata().getName())
                .filter(n -> !n.equals("agent-directory"))
                // the wallboard only passes its page's sign-in on to the directory's public POST /auth/sign-in
                .filter(n -> !n.equals("wallboard"))
                .filter(n -> env(manifest.typed(manifest.get("Deployment", n), Deployment.class), "DIRECTORY_URL").isPresent()
                        || manifest.configMapByBaseName(n + "-config").map(c -> c.getData().containsKey("DIRECTORY_URL"))
                                .orElse(false))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(calling, callers, "every service that calls the directory has a key of its own");
        Deployment directory = manifest.typed(manifest.get("Deployment", "agent-directory"), Deployment.class);
        Set<String> trusted = Optional.ofNullable(directory.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .orElse(List.of()).stream().map(EnvVar::getName)
                .filter(n -> n.startsWith("AUTH_") && n.endsWith("_PUBLIC_KEY"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(callers.stream().map(c -> "AUTH_" + role(c) + "_PUBLIC_KEY").collect(Collectors.toCollection(TreeSet::new)),
                trusted, "the directory trusts exactly the callers' public keys");
        Map<String, String> environment = ContainerEnvironment.resolve(
                directory.getSpec().getTemplate().getSpec().getContainers().get(0), manifest,
                Manifest.read(Project.secretExample()));
        trusted.forEach(v -> assertTrue(environment.get(v).contains("PUBLIC KEY"), v + " is a public key (PEM)"));
    }

    @Test
    void noSharedServiceTokenIsDeployedAnywhere() throws IOException {
        try (Stream<Path> files = Files.walk(Project.root().resolve("deploy"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertTrue(!text.contains("DIRECTORY_TOKEN") && !text.contains("directory-token"),
                        file + " still deploys the shared DIRECTORY_TOKEN");
            }
        }
    }
}
