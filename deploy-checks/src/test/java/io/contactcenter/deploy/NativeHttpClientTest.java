package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Native readiness of the Vonage SDK's HTTP client: Apache HttpClient keeps a static {@code SecureRandom}
 * ({@code NTLMEngineImpl}), which native-image refuses to initialise at build time, and logs through commons-logging.
 * Quarkus' {@code quarkus-apache-httpclient} extension initialises it at run time and brings the JBoss Logging bridge,
 * so every packaged service whose application holds httpclient must hold the extension too.
 */
class NativeHttpClientTest {

    @TestFactory
    Stream<DynamicTest> everyServiceWithApacheHttpClientHasQuarkusExtensionForIt() {
        return NativeReflectionTest.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Path lib = Project.root().resolve(service).resolve("target/quarkus-app/lib/main");
            Assumptions.assumeTrue(Files.isDirectory(lib), service + " is not packaged in this checkout");
            List<String> jars = jars(lib);
            if (jars.stream().noneMatch(j -> j.startsWith("org.apache.httpcomponents.httpclient-"))) {
                return;
            }
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("io.quarkus.quarkus-apache-httpclient-")),
                    service + " holds Apache HttpClient without io.quarkus:quarkus-apache-httpclient: " + jars);
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("org.jboss.logging.commons-logging-jboss-logging-")),
                    service + " holds Apache HttpClient without the commons-logging bridge");
        }));
    }

    private static List<String> jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
