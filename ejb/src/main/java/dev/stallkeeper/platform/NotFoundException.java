package dev.stallkeeper.platform;

/** The thing asked for does not exist (the admin API answers 404). */
@jakarta.ejb.ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
