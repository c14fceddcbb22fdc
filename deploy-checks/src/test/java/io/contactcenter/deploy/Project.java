package io.contactcenter.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are: the reactor root (system property {@code contact-center.root}), manifests, modules. */
final class Project {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    /**
     * The overlays as committed, plus prod with its one-line image-kind switch turned to native images, and prod with
     * its public entrance switched to the Gateway API.
     */
    static final List<String> RENDERINGS = List.of("dev", "prod", "prod-native", "prod-gateway-api");

    /** The line of the prod overlay that, uncommented, deploys the native images. */
    static final String NATIVE_SWITCH = "# - ../../components/native";

    /** The line of the prod overlay that, uncommented, routes the public paths through the Gateway API. */
    static final String GATEWAY_API_SWITCH = "# - ../../components/gateway-api";

    /**
     * Services that keep their JVM image (and JVM memory) in {@code components/native}, with the reason, which
     * {@code ContainerImageConfigTest} keeps true: when it no longer holds, make the service native like the others.
     */
    static final java.util.Map<String, String> JVM_ONLY = java.util.Map.of("wallboard",
            "plain Kafka Streams (org.apache.kafka:kafka-streams) without Quarkus' quarkus-kafka-streams extension");

    /** Whether a rendering ({@link #RENDERINGS}) deploys the native images. */
    static boolean isNative(String rendering) {
        return rendering.endsWith("-native");
    }

    /** Whether a rendering deploys this service's native image ({@link #JVM_ONLY} services never). */
    static boolean deploysNative(String rendering, String service) {
        return isNative(rendering) && !JVM_ONLY.containsKey(service);
    }

    private Project() {
    }

    static Path root() {
        return Path.of(System.getProperty("contact-center.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("contact-center.version", "1.0.0-SNAPSHOT");
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    static Path overlay(String name) {
        return kubernetes().resolve("overlays").resolve(name);
    }

    static Path secretExample() {
        return kubernetes().resolve("secret.example.yaml");
    }

    /** The Maven module that builds the service of a Deployment (same name), if it is in this checkout. */
    static boolean hasModule(String service) {
        return Files.isRegularFile(root().resolve(service).resolve("pom.xml"));
    }

    static Manifest rendered(String overlay) {
        if (overlay.equals("prod-native")) {
            return Manifest.parse(Kustomize.render(prodSwitched(NATIVE_SWITCH)));
        }
        if (overlay.equals("prod-gateway-api")) {
            return Manifest.parse(Kustomize.render(prodSwitched(GATEWAY_API_SWITCH)));
        }
        return Manifest.parse(Kustomize.render(overlay(overlay)));
    }

    private static final java.util.Map<String, Path> SWITCHED = new java.util.HashMap<>();

    /**
     * A copy of the prod overlay with exactly one change, the one commented line {@code line} uncommented (its
     * relative paths adjusted, since the copy lives elsewhere).
     */
    static synchronized Path prodSwitched(String line) {
        if (SWITCHED.containsKey(line)) {
            return SWITCHED.get(line);
        }
        try {
            Path copy = Files.createTempDirectory("prod-switched");
            try (var files = Files.list(overlay("prod"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            String kustomization = Files.readString(copy.resolve("kustomization.yaml"));
            long switches = kustomization.lines().filter(l -> l.strip().equals(line)).count();
            if (switches != 1) {
                throw new AssertionError("the prod overlay must have the switch `" + line
                        + "` as one commented line (found " + switches + ")");
            }
            kustomization = kustomization.replace(line, line.substring(2))
                    .replace("../../", copy.relativize(kubernetes()) + "/"); // Kustomize takes relative paths only
            Files.writeString(copy.resolve("kustomization.yaml"), kustomization);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(copy)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // a temporary folder left behind
                }
            }));
            SWITCHED.put(line, copy);
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
