package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The images Quarkus builds ({@code quarkus.container-image.*} with Jib, settings in the root pom, the name in each
 * service's application.properties) are the images the overlays deploy, and they are built like the shared
 * Dockerfiles: same base images, user, entrypoint, arguments. A renamed module, a changed registry or tag, or a
 * Dockerfile that drifts from the Jib settings fails here.
 */
class ContainerImageConfigTest {

    /** Root pom properties: the default build (JVM images) and the {@code native} profile's overrides. */
    record BuildProperties(Map<String, String> jvm, Map<String, String> nativeBuild) {

        static BuildProperties read() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            Document pom = factory.newDocumentBuilder().parse(Project.root().resolve("pom.xml").toFile());
            Element project = pom.getDocumentElement();
            Map<String, String> jvm = properties(child(project, "properties"));
            Map<String, String> nativeBuild = new LinkedHashMap<>(jvm);
            Element profiles = child(project, "profiles");
            for (Element profile : children(profiles, "profile")) {
                if ("native".equals(child(profile, "id").getTextContent().strip())) {
                    nativeBuild.putAll(properties(child(profile, "properties")));
                }
            }
            return new BuildProperties(jvm, nativeBuild);
        }

        private static Map<String, String> properties(Element properties) {
            Map<String, String> values = new LinkedHashMap<>();
            if (properties != null) {
                for (Element property : children(properties, null)) {
                    values.put(property.getTagName(), property.getTextContent().strip()
                            .replace("${project.version}", Project.version()));
                }
            }
            return values;
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.get(0);
        }

        private static List<Element> children(Element parent, String name) {
            if (parent == null) {
                return List.of();
            }
            NodeList nodes = parent.getChildNodes();
            return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                    .filter(n -> n.getNodeType() == Node.ELEMENT_NODE).map(Element.class::cast)
                    .filter(e -> name == null || e.getTagName().equals(name)).toList();
        }

        String image(Map<String, String> build, String name) {
            return build.get("quarkus.container-image.registry") + "/" + build.get("quarkus.container-image.group")
                    + "/" + name + ":" + build.get("quarkus.container-image.tag");
        }
    }

    /** dev and prod deploy the JVM images, prod with components/native the native ones (deploy/README.md). */
    @TestFactory
    Stream<DynamicTest> quarkusBuildsTheImagesTheOverlaysDeploy() throws Exception {
        BuildProperties build = BuildProperties.read();
        return Project.RENDERINGS.stream().flatMap(overlay -> Project.rendered(overlay).deployments().stream()
                .map(deployment -> DynamicTest.dynamicTest(overlay + ": " + deployment.getMetadata().getName(), () -> {
                    String service = deployment.getMetadata().getName();
                    Optional<ServiceModule> module = ServiceModule.of(service);
                    Assumptions.assumeTrue(module.isPresent(), "module " + service + " is not in this checkout yet");
                    assertTrue(module.get().hasDependency("quarkus-container-image-jib"),
                            service + ": declares its image through quarkus-container-image-jib");
                    String name = module.get().prodProperties().getProperty("quarkus.container-image.name");
                    assertNotNull(name, service + ": quarkus.container-image.name in application.properties");
                    boolean nativeImage = Project.deploysNative(overlay, service);
                    Map<String, String> properties = nativeImage ? build.nativeBuild() : build.jvm();
                    assertEquals(image(deployment), build.image(properties, name.strip()), overlay + " " + service
                            + ": the image `mvn package" + (nativeImage ? " -Pnative" : "")
                            + " -Dquarkus.container-image.push=true` pushes is the one the overlay deploys");
                })));
    }

    /**
     * A service kept on the JVM in components/native must still have its reason: the wallboard runs plain Kafka Streams
     * without the Quarkus extension that makes Kafka Streams (and RocksDB) work in a native executable.
     */
    @Test
    void servicesKeptOnTheJvmStillHaveTheirReason() {
        assertEquals(java.util.Set.of("wallboard"), Project.JVM_ONLY.keySet(), "a reason is written for each");
        ServiceModule wallboard = ServiceModule.of("wallboard").orElse(null);
        Assumptions.assumeTrue(wallboard != null, "wallboard is not in this checkout");
        assertTrue(wallboard.hasDependency("kafka-streams") && !wallboard.hasDependency("quarkus-kafka-streams"),
                "the wallboard now uses quarkus-kafka-streams: make it native like the others (components/native, "
                        + "Project.JVM_ONLY, NativeReflectionTest)");
    }

    @Test
    void jibBuildsLikeTheSharedDockerfiles() throws Exception {
        Map<String, String> jib = BuildProperties.read().jvm();
        String jvm = dockerfile("Dockerfile.jvm");
        String nativeFile = dockerfile("Dockerfile.native-micro");

        assertEquals(single(jvm, "FROM\\s+(\\S+)"), jib.get("quarkus.jib.base-jvm-image"), "JVM base image");
        assertEquals(single(nativeFile, "FROM\\s+(\\S+)"), jib.get("quarkus.jib.base-native-image"), "native base image");
        assertEquals(single(jvm, "USER\\s+(\\S+)"), jib.get("quarkus.jib.user"), "user (non-root, numeric)");
        assertEquals(single(nativeFile, "USER\\s+(\\S+)"), jib.get("quarkus.jib.user"), "user (non-root, numeric)");
        assertFalse(jib.get("quarkus.jib.user").startsWith("0"), "not root");

        // JVM: run-java.sh with the same jar and options, application under /deployments
        assertEquals(List.of(jib.get("quarkus.jib.jvm-entrypoint")), entrypoint(jvm), "JVM entrypoint");
        Map<String, String> env = env(jvm);
        for (String variable : List.of("JAVA_APP_JAR", "JAVA_OPTS_APPEND", "LANGUAGE")) {
            assertEquals(env.get(variable), jib.get("quarkus.jib.environment-variables." + variable), variable);
        }
        assertTrue(env.get("JAVA_APP_JAR").startsWith(jib.get("quarkus.jib.working-directory") + "/"),
                "the jar lies in Jib's working directory, where Quarkus puts the fast-jar");
        assertTrue(jvm.contains(" " + jib.get("quarkus.jib.working-directory") + "/lib/"), "Dockerfile.jvm copies there too");

        // native: Quarkus runs /work/application with the native arguments
        List<String> nativeEntrypoint = entrypoint(nativeFile);
        assertEquals("/work/application", nativeEntrypoint.get(0), "Jib puts the executable at /work/application");
        assertEquals(nativeEntrypoint.subList(1, nativeEntrypoint.size()),
                Arrays.asList(jib.get("quarkus.jib.native-arguments").split(",")), "native arguments");

        // ports: Jib exposes quarkus.http.port unless told otherwise; ManifestConsistencyTest ties that to the pods
        assertFalse(jib.containsKey("quarkus.jib.ports"), "exposed port = quarkus.http.port (Jib's default)");
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String dockerfile(String name) throws Exception {
        Path file = Project.root().resolve("deploy/docker").resolve(name);
        return Files.readString(file).replaceAll("(?m)^#.*$", "");
    }

    private static String single(String dockerfile, String instruction) {
        Matcher matcher = Pattern.compile("(?m)^" + instruction + "\\s*$").matcher(dockerfile);
        assertTrue(matcher.find(), instruction);
        String value = matcher.group(1);
        assertFalse(matcher.find(), "one " + instruction);
        return value;
    }

    private static List<String> entrypoint(String dockerfile) {
        String json = single(dockerfile, "ENTRYPOINT\\s+\\[(.*)]");
        return Arrays.stream(json.split(",")).map(s -> s.strip().replaceAll("^\"|\"$", "")).collect(Collectors.toList());
    }

    private static Map<String, String> env(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("(?m)^ENV\\s+(\\w+)=(?:\"([^\"]*)\"|'([^']*)')\\s*$").matcher(dockerfile);
        while (matcher.find()) {
            env.put(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return env;
    }
}
