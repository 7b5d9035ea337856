package com.metasupervisor.cli;

/** A JSON value that does not fit its Avro field: {@code field} is its path ({@code triggers[0].value}), empty for the whole value. */
final class JsonFieldException extends Exception {

    private final String field;
    private final String reason;

    JsonFieldException(String field, String reason) {
        super((field.isEmpty() ? "" : field + ": ") + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The same problem one level further down: {@code confidence} becomes {@code value.confidence}. */
    JsonFieldException under(String parent) {
        return new JsonFieldException(field.isEmpty() ? parent : parent + "." + field, reason);
    }

    String field() {
        return field;
    }
}
