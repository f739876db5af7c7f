package dev.stallkeeper.batch.housekeeping;

import dev.stallkeeper.audit.application.AuditRetention;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Deletes one chunk of expired callbacks, in the chunk's transaction. */
@Dependent
@Named("callbackDeleter")
public class CallbackDeleter extends AbstractItemWriter {

    @Inject
    AuditRetention retention;

    @Override
    public void writeItems(List<Object> items) {
        retention.deleteCallbacks(items.stream().map(Long.class::cast).toList());
    }
}
