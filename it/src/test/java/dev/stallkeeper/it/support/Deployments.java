package dev.stallkeeper.it.support;

import dev.stallkeeper.it.clock.ShiftedClock;
import dev.stallkeeper.it.clock.TestClockResource;
import dev.stallkeeper.it.clock.TestClocks;
import dev.stallkeeper.it.provisioner.TestProvisioner;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application under test: the EAR exactly as built by ear/, plus a test Provisioner in its EJB module that
 * can be told (by the order's SKU) to be slow or to fail, exercising the extension point sellers use, and the
 * test clock ({@link dev.stallkeeper.it.clock.TestClock}): a clock the tests can pin, and its resource.
 */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive stallkeeper() {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "stallkeeper.ear")
                .importFrom(new File(System.getProperty("it.ear")))
                .as(EnterpriseArchive.class);
        // Into the EJB module, beside the extension point it implements (ear/lib cannot see module classes).
        ear.getAsType(JavaArchive.class, "stallkeeper-ejb.jar").addPackage(TestProvisioner.class.getPackage())
                .addClasses(ShiftedClock.class, TestClocks.class);
        ear.getAsType(WebArchive.class, "stallkeeper-web.war").addClass(TestClockResource.class);
        return ear;
    }
}
