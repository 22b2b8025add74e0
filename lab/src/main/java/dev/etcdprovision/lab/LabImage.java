package dev.etcdprovision.lab;

import java.time.Duration;

/** The host image, built by {@code lab/build-image.sh} on first use and cached by the Docker engine. */
public final class LabImage {
    private static String name;

    private LabImage() {}

    /** The image name, building the image first when the engine does not have it (about a minute). */
    public static synchronized String name() {
        if (name == null) {
            String script = LabFiles.labDir().resolve("build-image.sh").toString();
            name = Command.check(Duration.ofMinutes(10), script).strip();
        }
        return name;
    }
}
