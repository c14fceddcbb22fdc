package io.contactcenter.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are: the reactor root (system property {@code contact-center.root}), manifests, modules. */
final class Project {

    static final List<String> OVERLAYS = List.of("dev", "prod");

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
        return Manifest.parse(Kustomize.render(overlay(overlay)));
    }
}
