package dev.etcdprovision.controller.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a parsed YAML tree against the inventory's record types before binding: unknown and
 * missing fields, lists and mappings where single values belong, numbers, booleans, enum names
 * and text values ({@link TextValues}). It reports every problem and drops each bad value from
 * the tree, so that the binding that follows cannot fail and the field takes its default (or
 * stays null when required, which later checks skip as already reported).
 */
final class ShapeCheck {
    private final Problems problems;

    ShapeCheck(Problems problems) {
        this.problems = problems;
    }

    /** The node with every bad part removed, or empty when the node itself is unusable. */
    Optional<JsonNode> check(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return checkList(node, list.getActualTypeArguments()[0], path);
        }
        Class<?> target = (Class<?>) type;
        if (target.isRecord() && !TextValues.PARSERS.containsKey(target)) {
            return checkRecord(node, target, path);
        }
        if (node.isContainerNode()) {
            problems.add(path, "must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
            return Optional.empty();
        }
        Optional<String> problem = scalarProblem(node, target);
        problem.ifPresent(message -> problems.add(path, message));
        return problem.isPresent() ? Optional.empty() : Optional.of(node);
    }

    private Optional<JsonNode> checkRecord(JsonNode node, Class<?> type, String path) {
        List<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        if (!node.isObject()) {
            problems.add(path, "must be a mapping with the fields " + String.join(", ", fields));
            return Optional.empty();
        }
        ObjectNode object = ((ObjectNode) node).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!fields.contains(field.getKey())) {
                problems.add(SourceLines.child(path, field.getKey()), unknownField(field.getKey(), fields));
                it.remove();
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            String fieldPath = SourceLines.child(path, name);
            JsonNode value = object.get(name);
            Optional<JsonNode> checked = isEmpty(value) ? Optional.empty()
                    : check(value, component.getGenericType(), fieldPath);
            if (checked.isPresent()) {
                object.set(name, checked.get());
            } else {
                object.remove(name);
                if (isEmpty(value) && component.isAnnotationPresent(Required.class)) {
                    problems.add(fieldPath, "is missing; it is required");
                }
            }
        }
        return Optional.of(object);
    }

    private Optional<JsonNode> checkList(JsonNode node, Type elementType, String path) {
        if (!node.isArray()) {
            problems.add(path, "must be a list (lines starting with '- ')");
            return Optional.empty();
        }
        ArrayNode checked = ((ArrayNode) node).arrayNode();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = node.get(i);
            if (isEmpty(item)) {
                problems.add(itemPath, "is empty");
            }
            // a bad item becomes null rather than disappearing: later problems keep the right index
            checked.add(isEmpty(item) ? NullNode.getInstance()
                    : check(item, elementType, itemPath).orElse(NullNode.getInstance()));
        }
        return Optional.of(checked);
    }

    /** Left out, {@code null}, or written with nothing after the colon. */
    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
    }

    private static Optional<String> scalarProblem(JsonNode node, Class<?> type) {
        if (type == String.class) {
            return Optional.empty();
        }
        if (type == Integer.class) {
            return node.isIntegralNumber() && node.canConvertToInt() ? Optional.empty()
                    : Optional.of("must be a whole number, not '" + node.asText() + "'");
        }
        if (type == Boolean.class) {
            return node.isBoolean() ? Optional.empty()
                    : Optional.of("must be true or false, not '" + node.asText() + "'");
        }
        if (type.isEnum()) {
            List<String> names = enumNames(type);
            return names.contains(node.asText()) ? Optional.empty()
                    : Optional.of("must be one of " + String.join(", ", names) + ", not '" + node.asText() + "'");
        }
        var parser = TextValues.PARSERS.get(type);
        if (parser == null) {
            throw new IllegalStateException("no check for inventory values of type " + type);
        }
        try {
            parser.apply(node.asText());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
                names.add(property != null ? property.value() : name);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static String unknownField(String name, List<String> known) {
        String message = "unknown field";
        for (String candidate : known) {
            if (similar(name, candidate)) {
                return message + "; did you mean '" + candidate + "'?";
            }
        }
        return message + "; the fields here are " + String.join(", ", known);
    }

    /** Same but for case, or at most two edits apart: the usual typos. */
    private static boolean similar(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()] <= 2;
    }
}
