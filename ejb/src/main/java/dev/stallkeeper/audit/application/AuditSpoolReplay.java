package dev.stallkeeper.audit.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Every second, audits what the spool holds (callbacks answered while the database was away) once the database
 * answers again. Costs nothing while the spool is empty; no transaction of its own (each batch has one).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditSpoolReplay {

    @Inject
    CallbackAudit audit;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "stallkeeper-audit-spool")
    void replay() {
        if (audit.anySpooled()) {
            audit.replay(50);
        }
    }
}
