package com.metasupervisor.streams.deadletter;

import com.metasupervisor.schemas.RegistryFailure;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes that do not deserialise go to {@code <topic>.dlq} (reason {@code not_wire_format},
 * {@code unknown_schema} or {@code malformed}) and processing continues. A registry that cannot be
 * reached is not bad input: that fails the task, which retries the same record, so nothing valid
 * is dead-lettered for an outage.
 *
 * <p>The detail names the problem: bytes that are not the wire format show their first bytes and what was
 * expected; an unknown schema id is named; a payload that does not decode names the field that failed, found by
 * decoding it again with the writer schema (from the registry at {@value #REGISTRY_URL_CONFIG} when the streams
 * config carries it, else the catalog's schema of the topic, and the detail says which).
 */
public class DeadLetterDeserializationHandler extends AbstractDeadLetterHandler implements DeserializationExceptionHandler {

    /** Streams config key: the registry's base URL, to look a writer schema up by id. Optional. */
    public static final String REGISTRY_URL_CONFIG = "meta-supervisor.dead-letter.registry-url";

    static final String NOT_WIRE_FORMAT = "not_wire_format";
    static final String UNKNOWN_SCHEMA = "unknown_schema";
    static final String MALFORMED = "malformed";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private WriterSchemas writerSchemas = WriterSchemas.none();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object url = configs.get(REGISTRY_URL_CONFIG);
        writerSchemas = url == null || url.toString().isBlank() ? WriterSchemas.none()
                : WriterSchemas.at(RegistrySettings.of(url.toString()));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (isOutage(exception)) {
            LOG.error("cannot deserialise {}-{}@{}: schema registry unreachable ({}); failing so the record is retried",
                    record.topic(), record.partition(), record.offset(), rootCause(exception).toString());
            return Response.fail();
        }
        String reason = classify(record.value(), exception);
        DeadLetter letter = DeadLetter.ofRecord(record, DeadLetter.STAGE_DESERIALIZE, reason,
                detail(record.topic(), record.value(), reason, exception), clock.instant());
        LOG.warn("dead-lettering {}-{}@{} to {}: {} ({})", record.topic(), record.partition(), record.offset(),
                letter.deadLetterTopic(), reason, letter.detail());
        return Response.resume(send(letter, record.timestamp()));
    }

    /** Why bytes did not deserialise, as a reason code. */
    static String classify(byte[] value, Exception exception) {
        if (ConfluentFrame.of(value).isEmpty()) {
            return NOT_WIRE_FORMAT; // not magic byte 0 + 4-byte schema id + payload
        }
        return RegistryFailure.of(exception) == RegistryFailure.SCHEMA_NOT_FOUND ? UNKNOWN_SCHEMA : MALFORMED;
    }

    static boolean isOutage(Throwable exception) {
        return RegistryFailure.of(exception) == RegistryFailure.REGISTRY_UNAVAILABLE;
    }

    /** What a human needs to find the problem: the bytes, the schema id, or the field, never a bare exception chain. */
    String detail(String topic, byte[] value, String reason, Throwable exception) {
        Optional<ConfluentFrame> frame = ConfluentFrame.of(value);
        if (frame.isEmpty()) {
            return ConfluentFrame.notAFrame(value);
        }
        int id = frame.get().schemaId();
        if (reason.equals(UNKNOWN_SCHEMA)) {
            return "schema id " + id + " (bytes 1-4 of the value) is not in the registry: the producer framed the value"
                    + " with an id this registry never gave (another registry, or one that lost its schemas)";
        }
        Optional<Schema> catalog = Topics.byName(topic).map(Topic::valueSchema);
        Optional<Schema> registered = writerSchemas.byId(id);
        Optional<Schema> writer = registered.or(() -> catalog);
        if (writer.isEmpty()) {
            return "schema id " + id + ": " + describe(exception);
        }
        String whose = registered.isPresent() ? "schema id " + id
                : "schema id " + id + " (read with the catalog's " + writer.get().getName() + " schema: the registry was not asked)";
        return AvroDecodeFailure.locate(writer.get(), catalog.orElse(writer.get()), frame.get().payload())
                .map(failure -> whose + ": the Avro payload (" + frame.get().payload().length + " bytes) does not decode: "
                        + failure.describe())
                .orElseGet(() -> whose + ": " + describe(exception));
    }

    static String describe(Throwable exception) {
        Throwable root = rootCause(exception);
        return root == exception ? exception.toString() : exception + " caused by " + root;
    }

    static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
