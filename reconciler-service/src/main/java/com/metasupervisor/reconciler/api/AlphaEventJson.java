package com.metasupervisor.reconciler.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The JSON form of {@link AlphaEvent} that {@code POST /alpha-events} accepts (SPEC §3), turned into
 * Avro events or into the complete list of what is wrong with each item.
 *
 * <p>The body is one JSON object or a JSON array of objects with the snake_case fields of
 * {@code AlphaEvent.avsc}, bound field by field from the schema itself ({@link AvroJsonBinding}): a
 * field added to the schema is accepted with no change here, and absent fields take the schema's
 * defaults ({@code horizons_hours} [1, 4, 24], {@code entry_price} and {@code strategy_class} null).
 * Every problem of every item is reported against its field, and the {@link RecordValidator}'s
 * violations on the fields that did parse are added; see {@link AvroJsonBinding} for the reason codes.
 */
public final class AlphaEventJson {

    /** The pseudo-field errors about the item as a whole are reported against. */
    public static final String ITEM = AvroJsonBinding.ITEM;

    private static final AvroJsonBinding<AlphaEvent> BINDING =
            binding(AlphaEvent.getClassSchema(), SpecificData.getForClass(AlphaEvent.class));

    private AlphaEventJson() {
    }

    /**
     * The binding of alpha events of {@code schema}: this class's, or (in a test) a later version of
     * it, to show that a field added to the schema is bound with no change to the code.
     */
    static <R extends IndexedRecord> AvroJsonBinding<R> binding(Schema schema, GenericData model) {
        return new AvroJsonBinding<>(schema, model,
                Map.of("direction", "the number +1 (long) or -1 (short)"),
                // the validator's codes for these fields: direction 1.5 is as wrong as direction 0
                Map.of("direction", "direction_invalid", "horizons_hours", "horizons_invalid"));
    }

    /** The body cannot be read as a batch of alpha events at all (not one item's problem). */
    public static final class BodyException extends Exception {

        /** The HTTP status the caller should answer with: 400, or 413 for a batch over the limit. */
        private final int status;

        BodyException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * One item of the body, read.
     *
     * @param index   its position in the body (0 for a single object)
     * @param eventId its {@code event_id} when that is a string, else null
     * @param agent   its {@code agent} when that is a string, else null (whose events these are: the caller's only)
     * @param event   the event, when {@code errors} is empty; null otherwise
     * @param errors  every problem found, in schema field order
     */
    public record Item(int index, String eventId, String agent, AlphaEvent event, List<Violation> errors) {

        public Item {
            errors = List.copyOf(errors);
            if (errors.isEmpty() == (event == null)) {
                throw new IllegalArgumentException("an item has an event exactly when it has no errors");
            }
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Reads the whole body: every item, each the event or every problem with it ({@code validator} included). */
    public static List<Item> readBatch(byte[] body, int maxItems, RecordValidator<AlphaEvent> validator) throws BodyException {
        JsonTree tree = tree(body);
        List<JsonNode> items = items(tree, maxItems);
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = items.get(i);
            AvroJsonBinding.Bound<AlphaEvent> bound = BINDING.read(i, node, tree.duplicatesOf(node), validator);
            out.add(new Item(i, text(node, "event_id"), text(node, "agent"), bound.record(), bound.errors()));
        }
        return out;
    }

    /** The member {@code name} of an item when it is a string, else null. */
    private static String text(JsonNode item, String name) {
        JsonNode member = item.get(name);
        return member != null && member.isTextual() ? member.textValue() : null;
    }

    /**
     * The items of the body: a JSON object is one item, a JSON array holds one per element (each
     * any JSON value; {@link #readBatch} reports the non-objects).
     *
     * @throws BodyException 400 when the body is empty, not JSON, not an object or array, or an
     *                       empty array; 413 when the array has more than {@code maxItems} elements
     */
    public static List<JsonNode> items(byte[] body, int maxItems) throws BodyException {
        return items(tree(body), maxItems);
    }

    private static List<JsonNode> items(JsonTree tree, int maxItems) throws BodyException {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        JsonNode root = tree.root();
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw new BodyException(400, "the request body must be a JSON object (one alpha event) or a JSON array"
                    + " of objects, was " + AvroJsonBinding.describe(root));
        }
        if (root.isEmpty()) {
            throw new BodyException(400, "the request body is an empty JSON array: send at least one alpha event");
        }
        if (root.size() > maxItems) {
            throw new BodyException(413, "too many alpha events in one request: at most " + maxItems
                    + " are accepted per request; split the batch");
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private static JsonTree tree(byte[] body) throws BodyException {
        if (body == null || body.length == 0) {
            throw emptyBody();
        }
        JsonTree tree;
        try {
            tree = JsonTree.read(body);
        } catch (JsonProcessingException e) {
            throw new BodyException(400, "the request body is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            // reading a byte array fails only on malformed input
            throw new BodyException(400, "the request body could not be read as JSON: " + e.getMessage());
        }
        if (tree.root().isMissingNode()) {
            throw emptyBody();
        }
        return tree;
    }

    private static BodyException emptyBody() {
        return new BodyException(400, "the request body is empty: send one alpha event as a JSON object, or a JSON array of them");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
