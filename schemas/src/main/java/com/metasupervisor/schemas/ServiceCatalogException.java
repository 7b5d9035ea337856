package com.metasupervisor.schemas;

/** The service catalog cannot be read, or says something impossible; the message names the file and the entry. */
public final class ServiceCatalogException extends RuntimeException {

    public ServiceCatalogException(String message) {
        super(message);
    }

    public ServiceCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
