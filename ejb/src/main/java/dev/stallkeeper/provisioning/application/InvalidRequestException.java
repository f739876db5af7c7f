package dev.stallkeeper.provisioning.application;

/** A callback field is missing or malformed: answered with 000002 and the field's name. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
