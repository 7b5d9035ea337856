package com.metasupervisor.streams.deadletter;

import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way out: a value whose serialiser cannot reach the schema registry fails the task (never resumes, which would
 * drop the record), so the stream thread is replaced and the task resumes from its last commit once the registry
 * answers. Everything else is Kafka's default: a retriable send error (a broker away) is retried, any other error fails.
 */
public class RegistryOutageProductionHandler extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageProductionHandler.class);

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (DeadLetterDeserializationHandler.isOutage(exception)) {
            LOG.error("cannot serialise the {} of a record for {} (source {}-{}@{}): schema registry unreachable ({});"
                            + " failing so the task resumes from its last commit", origin.name().toLowerCase(Locale.ROOT),
                    record.topic(), context.topic(), context.partition(), context.offset(),
                    DeadLetterDeserializationHandler.rootCause(exception).toString());
            return Response.fail();
        }
        return super.handleSerializationError(context, record, exception, origin);
    }
}
