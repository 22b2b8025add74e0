package dev.etcdprovision.controller.workflow;

/**
 * A named step of a workflow (preflight, pki, install, ...). {@code C} is the workflow's own
 * typed context: a phase never casts an untyped bag of data.
 */
public interface Phase<C> {

    /** The name in progress lines and errors: {@code [install] ...}, {@code phase install failed ...}. */
    String name();

    void run(C context) throws Exception;
}
