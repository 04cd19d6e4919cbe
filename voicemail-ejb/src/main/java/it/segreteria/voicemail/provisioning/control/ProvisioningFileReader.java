package it.segreteria.voicemail.provisioning.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import it.segreteria.voicemail.provisioning.entity.ProvisioningDocument;
import it.segreteria.voicemail.provisioning.entity.ProvisioningException;
import it.segreteria.voicemail.provisioning.entity.ProvisioningProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a provisioning file, YAML or JSON (by its extension), strictly: unknown fields, wrong
 * types, duplicate keys and trailing content are errors with their line and place, never silently
 * ignored.
 */
public final class ProvisioningFileReader {

    private ProvisioningFileReader() {}

    public static ProvisioningDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw refused(file, "", "the file does not exist");
        } catch (IOException e) {
            throw refused(file, "", "the file cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static ProvisioningDocument parse(Path file, String text) {
        if (text.isBlank()) {
            throw refused(file, "", "the file is empty: it must have a 'tenants' list");
        }
        ObjectMapper mapper = mapperFor(file);
        try {
            ProvisioningDocument document = mapper.readValue(text, ProvisioningDocument.class);
            if (document == null || document.tenants() == null) {
                throw refused(file, "", "the file must have a 'tenants' list");
            }
            return document;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException syntax) {
                throw refused(
                        file,
                        location(syntax.getLocation()) + " (" + place(e) + ")",
                        "syntax error: " + syntax.getOriginalMessage());
            }
            throw refused(file, place(e), explain(e));
        } catch (JsonProcessingException e) {
            throw refused(
                    file, location(e.getLocation()), "syntax error: " + e.getOriginalMessage());
        }
    }

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper =
                name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The path of the field in error, which is exact; the parser's line and column only when there
     * is no path, as YAML parsers report the position after the offending value.
     */
    private static String place(JsonMappingException e) {
        String path =
                e.getPath().stream()
                        .map(
                                ref ->
                                        ref.getFieldName() != null
                                                ? "." + ref.getFieldName()
                                                : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining());
        return path.isEmpty()
                ? location(e.getLocation())
                : path.substring(path.startsWith(".") ? 1 : 0);
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String explain(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known =
                    unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return "unknown field '"
                    + unknown.getPropertyName()
                    + "' (expected one of "
                    + known
                    + ")";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'"
                    + invalid.getValue()
                    + "' is not a valid "
                    + friendlyType(invalid.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String friendlyType(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true/false value";
        }
        return type.getSimpleName();
    }

    private static ProvisioningException refused(Path file, String place, String message) {
        return new ProvisioningException(file, List.of(new ProvisioningProblem(place, message)));
    }
}
