package dev.stallkeeper.audit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/** One new transaction around a callback's work: committed when the work returns a result, rolled back on null. */
@Stateless
public class CallbackTransaction {

    @Resource
    SessionContext context;

    /**
     * Runs {@code work} in a transaction of its own. A null result rolls everything back (the work found that it
     * must be done another way); an exception does too and reaches the caller as an {@code EJBException}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T inOne(Supplier<T> work) {
        T result = work.get();
        if (result == null) {
            context.setRollbackOnly();
        }
        return result;
    }
}
