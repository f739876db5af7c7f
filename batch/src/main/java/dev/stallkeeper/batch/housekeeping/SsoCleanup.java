package dev.stallkeeper.batch.housekeeping;

import dev.stallkeeper.tenancy.application.SsoService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Step 3 of housekeeping: forgets SSO states and pending confirmations older than ten minutes, codes older than a
 * day and sessions whose refresh token expired, so that anonymous sign-in attempts never pile up between logins.
 */
@Dependent
@Named("ssoCleanup")
public class SsoCleanup extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SsoCleanup.class);

    @Inject
    SsoService sso;

    @Override
    public String process() {
        int purged = sso.purge();
        LOG.debugf("Housekeeping: %d expired SSO rows forgotten", purged);
        return "PURGED " + purged;
    }
}
