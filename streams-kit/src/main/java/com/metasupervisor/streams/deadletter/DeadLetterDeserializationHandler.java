package com.metasupervisor.streams.deadletter;

import com.metasupervisor.schemas.RegistryFailure;
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
 */
public class DeadLetterDeserializationHandler extends AbstractDeadLetterHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (isOutage(exception)) {
            LOG.error("cannot deserialise {}-{}@{}: schema registry unreachable ({}); failing so the record is retried",
                    record.topic(), record.partition(), record.offset(), rootCause(exception).toString());
            return Response.fail();
        }
        String reason = classify(record.value(), exception);
        DeadLetter letter = DeadLetter.ofRecord(record, DeadLetter.STAGE_DESERIALIZE, reason, describe(exception), clock.instant());
        LOG.warn("dead-lettering {}-{}@{} to {}: {} ({})", record.topic(), record.partition(), record.offset(),
                letter.deadLetterTopic(), reason, letter.detail());
        return Response.resume(send(letter));
    }

    /** Why bytes did not deserialise, as a reason code. */
    static String classify(byte[] value, Exception exception) {
        if (value == null || value.length < 5 || value[0] != 0) {
            return "not_wire_format"; // not magic byte 0 + 4-byte schema id + payload
        }
        return RegistryFailure.of(exception) == RegistryFailure.SCHEMA_NOT_FOUND ? "unknown_schema" : "malformed";
    }

    static boolean isOutage(Throwable exception) {
        return RegistryFailure.of(exception) == RegistryFailure.REGISTRY_UNAVAILABLE;
    }

    static String describe(Throwable exception) {
        Throwable root = rootCause(exception);
        return root == exception ? exception.toString() : exception + " caused by " + root;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
