package io.contactcenter.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The Maven module of a service, read as the manifests must agree with it: its configuration, pom and sources. */
record ServiceModule(String name, Path directory) {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    /** The module named like the Deployment, when it is part of this checkout. */
    static Optional<ServiceModule> of(String name) {
        return Project.hasModule(name) ? Optional.of(new ServiceModule(name, Project.root().resolve(name)))
                : Optional.empty();
    }

    /** application.properties as the prod profile sees it (profile-less and %prod. keys). */
    Properties prodProperties() {
        Properties all = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve("src/main/resources/application.properties"))) {
            all.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties prod = new Properties();
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> prod.put(k, all.getProperty(k)));
        all.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> prod.put(k.substring("%prod.".length()), all.getProperty(k)));
        return prod;
    }

    /** Environment variables the prod configuration reads ({@code ${NAME}} or {@code ${NAME:default}}). */
    Set<String> referencedEnvironment() {
        return environment(false);
    }

    /** Environment variables the prod configuration needs: referenced without a default. */
    Set<String> requiredEnvironment() {
        return environment(true);
    }

    private Set<String> environment(boolean requiredOnly) {
        Set<String> names = new TreeSet<>();
        for (Object value : prodProperties().values()) {
            Matcher matcher = ENV_REFERENCE.matcher(value.toString());
            while (matcher.find()) {
                if (!requiredOnly || matcher.group(2) == null) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    int httpPort() {
        return Integer.parseInt(prodProperties().getProperty("quarkus.http.port", "8080").strip());
    }

    /** Topics the service consumes (SmallRye Reactive Messaging incoming channels). */
    Set<String> incomingTopics() {
        Properties properties = prodProperties();
        return properties.stringPropertyNames().stream()
                .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) // not .dead-letter-queue.topic
                .map(properties::getProperty).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
    }

    String pom() {
        return read(directory.resolve("pom.xml"));
    }

    boolean hasDependency(String artifactId) {
        return pom().contains("<artifactId>" + artifactId + "</artifactId>");
    }

    /** All main Java sources, concatenated (to look for metric names). */
    String mainSources() {
        try (Stream<Path> files = Files.walk(directory.resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).map(ServiceModule::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
