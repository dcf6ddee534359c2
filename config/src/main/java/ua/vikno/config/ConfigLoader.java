package ua.vikno.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import ua.vikno.config.internal.ConfigBinder;
import ua.vikno.config.internal.Environment;
import ua.vikno.config.internal.Problems;
import ua.vikno.config.internal.PromptFiles;

/**
 * Reads a Vikno configuration file into a {@link ViknoConfig}, or fails with every error listed by path.
 * Relative paths in the file are resolved against the file's directory; {@code ${VAR}} and
 * {@code ${VAR:-default}} are taken from the environment.
 */
public final class ConfigLoader {
    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /** A loader that reads {@code ${VAR}} from the process environment. */
    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    public ViknoConfig load(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw fail(source, "", "file is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fail(source, "", "file not found");
        } catch (IOException e) {
            throw fail(source, "", "cannot read: " + e.getMessage());
        }
        return parse(file.toAbsolutePath().normalize(), text);
    }

    /** Parses {@code text} as if it were the content of {@code file}. */
    public ViknoConfig parse(Path file, String text) throws ConfigException {
        Object root;
        try {
            root = yaml().load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw fail(file.toString(), where, e.getProblem() + context(e));
        } catch (YAMLException e) {
            throw fail(file.toString(), "", "not valid YAML: " + e.getMessage());
        }
        if (root != null && !(root instanceof Map)) {
            throw fail(file.toString(), "", "the file must be a YAML mapping of sections (site, network, lines, ...)");
        }
        Problems problems = new Problems();
        ViknoConfig config = new ConfigBinder(file.getParent(), problems, new Environment(environment), new PromptFiles())
                .bind(file, root);
        if (!problems.isEmpty()) {
            throw new ConfigException(file.toString(), problems.errors());
        }
        return config;
    }

    private static String context(MarkedYAMLException e) {
        return e.getContext() == null ? "" : " (" + e.getContext() + ")";
    }

    private static ConfigException fail(String source, String path, String message) {
        return new ConfigException(source, List.of(new ConfigError(path, message)));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
        return new Yaml(new SafeConstructor(options), new Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, new StringsOnly());
    }

    /** Resolves every plain scalar to a string (or null), so that 08:00, 0500 or "no" keep their text. */
    private static final class StringsOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
