package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.Type.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Native readiness: every type Jackson reads or writes is registered for reflection, so a new event, DTO or Vonage
 * SDK type cannot be forgotten (in a native executable an unregistered type serializes as {@code {}} or fails).
 *
 * <p>Per service, the Jandex index of its compiled classes plus those of {@code call-events}, {@code service-support}
 * and {@code directory-client} (what the application's index holds) must register, with {@code @RegisterForReflection}
 * (on the type, an enclosing type, or in {@code targets}/{@code classNames}):
 * <ul>
 *   <li>every record and enum of {@code call-events} (the topics' records);</li>
 *   <li>every record and enum of the service's {@code rest}, {@code messaging} and {@code client} packages, every
 *       class there or elsewhere in the service carrying Jackson annotations, and the project types their
 *       components hold (transitively);</li>
 *   <li>every Vonage SDK type the service's code names that the SDK turns into or reads from JSON
 *       ({@code com.vonage.client.Jsonable}), with the SDK JSON types of its fields and its SDK superclasses.</li>
 * </ul>
 */
class NativeReflectionTest {

    static final List<String> SERVICES = List.of("agent-directory", "webhook-gateway", "routing-service", "survey-service");
    private static final DotName REGISTER = DotName.createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
    private static final Pattern DTO_PACKAGE = Pattern.compile("io\\.contactcenter\\.\\w+\\.(rest|messaging|client)(\\..*)?");
    private static final String JACKSON_ANNOTATIONS = "com.fasterxml.jackson.annotation.";

    @TestFactory
    Stream<DynamicTest> everySerializedTypeIsRegisteredForReflection() {
        return SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            Path classes = Project.root().resolve(service).resolve("target/classes");
            Assumptions.assumeTrue(Files.isDirectory(classes), service + " is not built in this checkout");
            Path events = Project.root().resolve("call-events/target/classes");
            Path support = Project.root().resolve("service-support/target/classes");
            // the gateway, routing and survey call the directory through directory-client: its documents are theirs
            Path directoryClient = Project.root().resolve("directory-client/target/classes");
            IndexView own = service.equals("agent-directory") ? index(classes) : index(classes, directoryClient);
            IndexView all = index(classes, events, support, directoryClient);
            Set<String> registered = registered(all, REGISTER);

            Set<String> required = new TreeSet<>();
            for (ClassInfo type : index(events).getKnownClasses()) {
                if (type.isRecord() || type.isEnum()) {
                    required.add(type.name().toString());
                }
            }
            for (ClassInfo type : own.getKnownClasses()) {
                String pkg = type.name().packagePrefix();
                boolean dtoPackage = pkg != null && DTO_PACKAGE.matcher(pkg).matches();
                boolean privateType = Modifier.isPrivate(type.flags()); // in-memory helpers, never a body
                if ((dtoPackage && (type.isRecord() || type.isEnum()) && !privateType) || hasJacksonAnnotation(type)) {
                    required.add(type.name().toString());
                }
            }
            closeOverComponents(required, all);
            required.addAll(vonageJsonTypes(classes));

            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(registered);
            assertTrue(missing.isEmpty(), service + ": serialized by Jackson but not registered for reflection "
                    + "(add @RegisterForReflection): " + missing);
        }));
    }

    /** The SDK's error exceptions of an API a service calls are demanded although no code of ours names them. */
    @Test
    void theErrorExceptionsOfTheSdkPackagesInUseAreDemanded() throws IOException {
        Set<String> names = new TreeSet<>();
        responseExceptionsOf(Set.of("com.vonage.client.voice")).forEach(c -> names.add(c.getName()));
        assertTrue(names.contains("com.vonage.client.voice.VoiceResponseException"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.startsWith("com.vonage.client.voice.")), names.toString());
    }

    /** The check itself: an unregistered record is found, a registered one (or one nested in it) is not. */
    @Test
    void findsWhatIsNotRegistered() {
        IndexView index = indexOf(Registered.class, Registered.Nested.class, NotRegistered.class, ByTarget.class,
                Registrar.class);
        Set<String> registered = registered(index, DotName.createSimple(FixtureRegister.class.getName()));
        assertTrue(registered.contains(Registered.class.getName()));
        assertTrue(registered.contains(Registered.Nested.class.getName()), "nested types are registered with it");
        assertTrue(registered.contains(ByTarget.class.getName()), "targets count");
        assertTrue(!registered.contains(NotRegistered.class.getName()), "an unregistered record is reported");
        Set<String> required = new TreeSet<>(Set.of(Holder.class.getName()));
        closeOverComponents(required, indexOf(Holder.class, NotRegistered.class));
        assertTrue(required.contains(NotRegistered.class.getName()), "component types are required too");
    }

    // ------------------------------------------------------------------ what is registered

    static Set<String> registered(IndexView index, DotName annotationName) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance annotation : index.getAnnotations(annotationName)) {
            if (annotation.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo on = annotation.target().asClass();
            AnnotationValue targets = annotation.value("targets");
            AnnotationValue classNames = annotation.value("classNames");
            boolean hasTargets = false;
            if (targets != null) {
                for (org.jboss.jandex.Type target : targets.asClassArray()) {
                    names.add(target.name().toString());
                    hasTargets = true;
                }
            }
            if (classNames != null) {
                for (String name : classNames.asStringArray()) {
                    names.add(name);
                    hasTargets = true;
                }
            }
            if (!hasTargets) {
                names.add(on.name().toString());
                AnnotationValue ignoreNested = annotation.value("ignoreNested");
                if (ignoreNested == null || !ignoreNested.asBoolean()) {
                    addNested(on, index, names);
                }
            }
        }
        return names;
    }

    private static void addNested(ClassInfo outer, IndexView index, Set<String> names) {
        for (DotName member : outer.memberClasses()) {
            names.add(member.toString());
            ClassInfo nested = index.getClassByName(member);
            if (nested != null) {
                addNested(nested, index, names);
            }
        }
    }

    // ------------------------------------------------------------------ what must be

    private static boolean hasJacksonAnnotation(ClassInfo type) {
        return type.annotations().stream().anyMatch(a -> a.name().toString().startsWith(JACKSON_ANNOTATIONS));
    }

    /** Adds the project types held by the components/fields of required types, transitively. */
    static void closeOverComponents(Set<String> required, IndexView index) {
        Deque<String> todo = new ArrayDeque<>(required);
        while (!todo.isEmpty()) {
            ClassInfo type = index.getClassByName(DotName.createSimple(todo.pop()));
            if (type == null) {
                continue;
            }
            type.fields().stream().filter(f -> !Modifier.isStatic(f.flags()))
                    .forEach(f -> projectTypes(f.type(), index).forEach(name -> {
                        if (required.add(name)) {
                            todo.push(name);
                        }
                    }));
        }
    }

    private static Set<String> projectTypes(org.jboss.jandex.Type type, IndexView index) {
        Set<String> names = new TreeSet<>();
        if (type.kind() == Kind.PARAMETERIZED_TYPE) {
            type.asParameterizedType().arguments().forEach(a -> names.addAll(projectTypes(a, index)));
        } else if (type.kind() == Kind.ARRAY) {
            names.addAll(projectTypes(type.asArrayType().constituent(), index));
        }
        String name = type.name().toString();
        ClassInfo info = index.getClassByName(type.name());
        if (name.startsWith("io.contactcenter.") && info != null && !info.isInterface()) {
            names.add(name);
        }
        return names;
    }

    /** SDK JSON types named by the service's classes, with the SDK JSON types of their fields and superclasses. */
    static Set<String> vonageJsonTypes(Path classes) throws IOException {
        Class<?> jsonable = load("com.vonage.client.Jsonable").orElseThrow();
        Set<String> required = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<String> usedPackages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                for (String name : referencedClasses(file)) {
                    if (name.startsWith("com.vonage.")) {
                        load(name).filter(c -> isJson(c, jsonable)).ifPresent(todo::push);
                        usedPackages.add(name.substring(0, name.lastIndexOf('.')));
                    }
                }
            }
        }
        // the SDK makes its error answers' exceptions reflectively (VonageApiResponseException.fromHttpResponse) for
        // the API it called: the service's code never names them, yet each must be registered
        responseExceptionsOf(usedPackages).forEach(todo::push);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!required.add(type.getName())) {
                continue;
            }
            for (Class<?> up = type.getSuperclass(); up != null && up.getName().startsWith("com.vonage."); up = up.getSuperclass()) {
                todo.push(up);
            }
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    for (Class<?> held : classesOf(field.getGenericType())) {
                        if (held.getName().startsWith("com.vonage.") && isJson(held, jsonable)) {
                            todo.push(held);
                        }
                    }
                }
            }
        }
        return required;
    }

    /** Every {@code VonageApiResponseException} subclass the SDK jar holds in {@code packages}. */
    static List<Class<?>> responseExceptionsOf(Set<String> packages) throws IOException {
        Class<?> base = load("com.vonage.client.VonageApiResponseException").orElseThrow();
        Path sdkJar;
        try {
            sdkJar = Path.of(base.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<Class<?>> found = new java.util.ArrayList<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(sdkJar.toFile())) {
            for (java.util.jar.JarEntry entry : java.util.Collections.list(jar.entries())) {
                String file = entry.getName();
                if (!file.endsWith(".class")) {
                    continue;
                }
                String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
                String pkg = name.substring(0, name.lastIndexOf('.'));
                if (packages.contains(pkg)) {
                    load(name).filter(c -> c != base && base.isAssignableFrom(c)).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private static boolean isJson(Class<?> type, Class<?> jsonable) {
        return !type.isInterface() && !type.isAnnotation()
                && (jsonable.isAssignableFrom(type) || (type.isEnum() && type.getName().startsWith("com.vonage.client.voice")));
    }

    private static Set<Class<?>> classesOf(Type type) {
        Set<Class<?>> classes = new java.util.HashSet<>();
        if (type instanceof Class<?> c) {
            classes.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            classes.addAll(classesOf(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                classes.addAll(classesOf(argument));
            }
        }
        return classes;
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, NativeReflectionTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The classes a class file's constant pool names (CONSTANT_Class entries and descriptors). */
    static Set<String> referencedClasses(Path classFile) throws IOException {
        Set<String> names = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException(classFile + ": constant pool tag " + tag);
                }
            }
            java.util.regex.Matcher matcher = Pattern.compile("L?(com/vonage/[\\w/$]+)").matcher("");
            for (String value : utf8) {
                if (value != null) {
                    matcher.reset(value);
                    while (matcher.find()) {
                        names.add(matcher.group(1).replace('/', '.'));
                    }
                }
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ indexes

    private static IndexView index(Path... directories) throws IOException {
        Indexer indexer = new Indexer();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                    try (InputStream in = Files.newInputStream(f)) {
                        indexer.index(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return indexer.complete();
    }

    private static IndexView indexOf(Class<?>... classes) {
        try {
            Indexer indexer = new Indexer();
            for (Class<?> c : classes) {
                try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
                    indexer.index(in);
                }
            }
            return indexer.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // fixtures of findsWhatIsNotRegistered (the annotation by name: this module does not depend on Quarkus)
    @FixtureRegister
    record Registered(String a) {
        record Nested(int b) {
        }
    }

    record NotRegistered(String c) {
    }

    record ByTarget(String d) {
    }

    @FixtureRegister(targets = ByTarget.class)
    static final class Registrar {
    }

    record Holder(List<NotRegistered> items) {
    }

    /** Stands in for Quarkus' RegisterForReflection (same attributes). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface FixtureRegister {
        Class<?>[] targets() default {};

        String[] classNames() default {};

        boolean ignoreNested() default false;
    }
}
