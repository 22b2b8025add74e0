package dev.etcdprovision.controller.render;

import dev.etcdprovision.agent.RemoteFile;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the files of a node from FreeMarker templates: those packaged in the jar (the
 * repository's templates/ folder), each replaceable by a file of the same name in a user's
 * folder. Strict: a value that does not exist is an error, never an empty string.
 */
public final class Renderer {
    public static final String ETCD_CONF_TEMPLATE = "etcd.conf.ftl";
    public static final String ETCDCTL_ENV_TEMPLATE = "etcdctl.env.ftl";
    public static final String ETCDCTL_WRAPPER_TEMPLATE = "etcdctl.sh.ftl";
    public static final String UNIT_TEMPLATE = "etcd3.service.ftl";
    /** Where the packaged templates are on the classpath. */
    static final String PACKAGED = "/templates";

    private final Configuration freemarker;
    private final Optional<Path> overrides;
    private final Object layout;

    /** With the packaged templates only. */
    public Renderer() {
        this(Optional.empty());
    }

    /** With a user folder whose templates replace the packaged ones of the same name. */
    public Renderer(Optional<Path> overrides) {
        this.overrides = overrides.map(Path::toAbsolutePath);
        this.freemarker = new Configuration(Configuration.VERSION_2_3_35);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (this.overrides.isPresent()) {
            Path folder = this.overrides.get();
            if (!Files.isDirectory(folder)) {
                throw new TemplateException("the templates folder " + folder + " does not exist", null);
            }
            try {
                loaders.add(new FileTemplateLoader(folder.toFile()));
            } catch (IOException e) {
                throw new TemplateException("the templates folder " + folder + " cannot be read: " + e.getMessage(), e);
            }
        }
        loaders.add(new ClassTemplateLoader(Renderer.class, PACKAGED));
        freemarker.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setLocalizedLookup(false);
        freemarker.setLocale(Locale.ROOT);
        // numbers print as etcd reads them: 10000, not 10,000
        freemarker.setNumberFormat("computer");
        freemarker.setBooleanFormat("c");
        freemarker.setDefaultEncoding(StandardCharsets.UTF_8.name());
        freemarker.setOutputEncoding(StandardCharsets.UTF_8.name());
        DefaultObjectWrapper wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35).build();
        freemarker.setObjectWrapper(wrapper);
        try {
            this.layout = wrapper.getStaticModels().get(NodeLayout.class.getName());
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /** etcd.conf, etcdctl.env, the etcdctl wrapper and the systemd unit of one node. */
    public NodeFiles render(NodeModel model) {
        RemoteFile etcdConf = RemoteFile.text(NodeLayout.ETCD_CONF, render(ETCD_CONF_TEMPLATE, model), 0640,
                "root", NodeLayout.ETCD_GROUP);
        RemoteFile etcdctlEnv = RemoteFile.text(NodeLayout.ETCDCTL_ENV, render(ETCDCTL_ENV_TEMPLATE, model), 0644,
                "root", "root");
        RemoteFile etcdctl = RemoteFile.text(NodeLayout.ETCDCTL_WRAPPER, render(ETCDCTL_WRAPPER_TEMPLATE, model),
                0755, "root", "root");
        RemoteFile unit = RemoteFile.text(NodeLayout.UNIT_FILE, render(UNIT_TEMPLATE, model), 0644, "root", "root");
        EtcdConf variables;
        try {
            variables = EtcdConf.parse(etcdConf.text());
        } catch (IllegalArgumentException e) {
            throw new TemplateException(describe(ETCD_CONF_TEMPLATE) + " renders an etcd.conf that systemd cannot"
                    + " read: " + e.getMessage(), e);
        }
        return new NodeFiles(etcdConf, etcdctlEnv, etcdctl, unit, variables);
    }

    /** One template with a node's model, as text. */
    public String render(String templateName, NodeModel model) {
        Map<String, Object> root = new HashMap<>();
        root.put("node", model.node());
        root.put("cluster", model.cluster());
        root.put("etcd", model.etcd());
        root.put("initial", model.initial());
        root.put("layout", layout);
        StringWriter out = new StringWriter();
        try {
            Template template = freemarker.getTemplate(templateName);
            template.process(root, out);
        } catch (freemarker.template.TemplateException e) {
            throw new TemplateException(describe(templateName) + " failed: " + e.getMessageWithoutStackTop(), e);
        } catch (freemarker.core.ParseException e) {
            throw new TemplateException(describe(templateName) + " has a mistake on line " + e.getLineNumber() + ": "
                    + e.getEditorMessage(), e);
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw new TemplateException(describe(templateName) + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + templateName, e);
        }
        return out.toString();
    }

    /** The template and where it comes from: the user's folder or the packaged set. */
    private String describe(String templateName) {
        Optional<Path> override = overrides.map(folder -> folder.resolve(templateName)).filter(Files::isRegularFile);
        return "the template " + override.map(Path::toString).orElse(templateName + " (packaged)");
    }
}
