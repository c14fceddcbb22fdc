package io.contactcenter.systemtests;

import java.nio.file.Path;

/**
 * Where page tests save their screenshots: {@code target/screenshots}, so a test run leaves the working tree as it
 * was; with {@code -Dscreenshots.update=true} the README's images in {@code docs/images} are replaced.
 */
final class Screenshots {

    private Screenshots() {
    }

    static Path of(String name) {
        return Boolean.getBoolean("screenshots.update") ? Path.of("..", "docs", "images", name)
                : Path.of("target", "screenshots", name);
    }
}
