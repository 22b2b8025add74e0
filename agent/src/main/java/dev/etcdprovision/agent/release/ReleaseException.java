package dev.etcdprovision.agent.release;

/**
 * A release archive could not be fetched, verified or read, on the controller, before anything
 * reached a host. The message is one line; the hint says what to do.
 */
public final class ReleaseException extends RuntimeException {
    private final String hint;

    ReleaseException(String message, String hint) {
        this(message, hint, null);
    }

    ReleaseException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
