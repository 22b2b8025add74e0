package dev.etcdprovision.controller.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Inventory value types written as text, and how to read each: the shape check and the Jackson
 * binding use the same parsers, so a value that passed the check always binds.
 */
final class TextValues {
    static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
            Duration.class, Durations::parse,
            ByteSize.class, ByteSize::parse,
            Path.class, Path::of);

    private TextValues() {}
}
