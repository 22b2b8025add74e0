package dev.etcdprovision.controller.render;

/**
 * A template cannot be read or rendered (a user's override has a mistake, or asks for a value
 * that does not exist). The message names the template, where it came from, and the line.
 */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
