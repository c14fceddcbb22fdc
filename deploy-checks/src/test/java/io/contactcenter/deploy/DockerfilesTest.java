package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every deployed service has both container files; they run as the user the pods run as, and they are the same
 * file in every module (nothing in them names a module), so one fix reaches all services.
 */
class DockerfilesTest {

    private static final List<String> FILES = List.of("Dockerfile.jvm", "Dockerfile.native-micro");

    @TestFactory
    Stream<DynamicTest> everyServiceHasBothContainerFilesRunningAsThePodsUser() throws Exception {
        Manifest prod = Project.rendered("prod");
        Map<String, String> contents = new LinkedHashMap<>();
        return prod.deployments().stream().flatMap(deployment -> FILES.stream().map(file -> DynamicTest.dynamicTest(
                deployment.getMetadata().getName() + " " + file, () -> check(deployment, file, contents))));
    }

    private static void check(Deployment deployment, String file, Map<String, String> seen) throws Exception {
        String service = deployment.getMetadata().getName();
        Assumptions.assumeTrue(Project.hasModule(service), "module " + service + " is not in this checkout yet");
        Path dockerfile = Project.root().resolve(service).resolve("src/main/docker").resolve(file);
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " missing (copy it from agent-directory)");
        String content = Files.readString(dockerfile);
        long podUser = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(:\\d+)?\\s*$").matcher(content);
        assertTrue(user.find(), file + ": a numeric USER (Kubernetes can check runAsNonRoot only for numeric users)");
        assertEquals(podUser, Long.parseLong(user.group(1)), file + ": USER = the pods' runAsUser");
        assertFalse(user.find(), file + ": one USER line");
        assertTrue(content.contains("ENTRYPOINT"), file);
        for (String module : List.of("agent-directory", "webhook-gateway", "routing-service", "survey-service")) {
            assertFalse(content.replaceAll("(?m)^#.*$", "").contains(module), file + " names a module: it must fit all");
        }
        String other = seen.putIfAbsent(file, content);
        if (other != null) {
            assertEquals(other, content, service + "/" + file + " differs from the other services' copy");
        }
    }
}
