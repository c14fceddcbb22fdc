package io.contactcenter.directory.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Who this service is at the directory. The directory's URL and HTTP timeouts are the REST client's
 * ({@code quarkus.rest-client.directory.url=${DIRECTORY_URL}}, {@code connect-timeout}, {@code read-timeout}).
 */
@ConfigMapping(prefix = "directory")
public interface DirectoryClientConfig {

    /** The service's name at the directory, which is also its role there: {@code gateway}, {@code routing}, {@code survey}. */
    String serviceName();

    /**
     * {@code DIRECTORY_SERVICE_KEY}: the service's own RSA private key (PKCS#8 PEM contents or a path); it mints its
     * short-lived directory tokens with it.
     */
    String serviceKey();

    /**
     * How long a department's settings ({@link DirectoryClient#department}) are reused before the directory is asked
     * again: a change made there reaches the service within this time.
     */
    @WithDefault("30s")
    Duration departmentCacheTtl();
}
