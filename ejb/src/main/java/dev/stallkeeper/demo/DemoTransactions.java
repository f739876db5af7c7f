package dev.stallkeeper.demo;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/** A transaction of its own around one step of the demo, for services that join the caller's (MANDATORY) one. */
@Stateless
public class DemoTransactions {

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T inNew(Supplier<T> work) {
        return work.get();
    }
}
