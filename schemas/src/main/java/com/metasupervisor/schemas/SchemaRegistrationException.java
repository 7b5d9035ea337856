package com.metasupervisor.schemas;

/** The registry refused a subject's schema or rule, or did not answer: the message names the subject and why. */
public class SchemaRegistrationException extends RuntimeException {

    public SchemaRegistrationException(String message) {
        super(message);
    }

    public SchemaRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
