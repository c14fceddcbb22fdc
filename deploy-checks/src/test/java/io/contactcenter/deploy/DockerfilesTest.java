package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * All services share one pair of container files ({@code deploy/docker/}, built from the module folder), so one
 * fix reaches every service: they must not name a module, and they run as the user every pod runs as.
 */
class DockerfilesTest {

    private static final List<String> FILES = List.of("Dockerfile.jvm", "Dockerfile.native-micro");

    @TestFactory
    Stream<DynamicTest> sharedContainerFilesRunAsEveryPodsUser() throws Exception {
        Manifest prod = Project.rendered("prod");
        return prod.deployments().stream().flatMap(deployment -> FILES.stream().map(file -> DynamicTest.dynamicTest(
                deployment.getMetadata().getName() + " " + file, () -> check(deployment, file))));
    }

    private static void check(Deployment deployment, String file) throws Exception {
        Path dockerfile = Project.root().resolve("deploy/docker").resolve(file);
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " missing");
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
    }
}
