package com.metasupervisor.streams.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a processing step rejects goes to {@code <topic>.dlq} as its original bytes, inside the
 * task's transaction, and the application carries on. {@link InvalidRecordException} carries the
 * reason; any other exception is a defect met on that record: it is dead-lettered as
 * {@code processing_failed} (so it can be replayed once fixed) and logged as an error. A schema registry that cannot
 * be reached (a serialiser inside a processor, or on the way out: {@link RegistryOutageProductionHandler} fails and
 * its exception reaches this handler) is not a defect of the record: that fails the task, which resumes from its last
 * commit with the same record, so nothing valid is dead-lettered for an outage.
 */
public class DeadLetterProcessingHandler extends AbstractDeadLetterHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (DeadLetterDeserializationHandler.isOutage(exception)) {
            LOG.error("processor {} failed on {}-{}@{}: schema registry unreachable ({}); failing so the record is retried",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(),
                    DeadLetterDeserializationHandler.rootCause(exception).toString());
            return Response.fail();
        }
        String reason;
        String stage;
        String detail;
        if (exception instanceof InvalidRecordException invalid) {
            reason = invalid.reason();
            stage = invalid.stage();
            detail = invalid.detail();
        } else {
            reason = "processing_failed";
            stage = context.processorNodeId();
            detail = DeadLetterDeserializationHandler.describe(exception);
            LOG.error("processor {} failed on {}-{}@{}; dead-lettering the record", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), exception);
        }
        DeadLetter letter = DeadLetter.ofRecord(context, stage, reason, detail, clock.instant());
        if (exception instanceof InvalidRecordException) {
            LOG.warn("dead-lettering {}-{}@{} to {}: {} ({})", context.topic(), context.partition(), context.offset(),
                    letter.deadLetterTopic(), reason, detail);
        }
        return Response.resume(send(letter, context.timestamp()));
    }
}
