package com.metasupervisor.configrepo;

/** The config repository could not do what was asked; the message says what and why (never a credential). */
public class ConfigRepositoryException extends RuntimeException {
    public ConfigRepositoryException(String message) {
        super(message);
    }

    public ConfigRepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
