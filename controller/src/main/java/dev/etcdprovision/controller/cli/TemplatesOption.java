package dev.etcdprovision.controller.cli;

import dev.etcdprovision.controller.render.Renderer;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --templates DIR}: templates in DIR replace the packaged ones of the same file name. */
public final class TemplatesOption {
    @Option(names = "--templates", paramLabel = "DIR",
            description = "A folder whose templates replace the packaged ones of the same name.")
    Path folder;

    public Renderer renderer() {
        return new Renderer(Optional.ofNullable(folder));
    }
}
