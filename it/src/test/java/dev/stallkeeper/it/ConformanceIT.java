package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.ConformanceReport;
import dev.stallkeeper.simulator.ConformanceSuite;
import dev.stallkeeper.simulator.Scenario;
import dev.stallkeeper.simulator.ScenarioReport;
import dev.stallkeeper.simulator.ScenarioRunner;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's conformance suite (the debugging tool's cases of §4.4 plus the security and idempotency cases of
 * §10.2) and its built-in lifecycle scenarios, played against the deployed Stallkeeper: every case and step must pass.
 * Orders of live runs go to the simulator's Query Order server the server under test is configured with.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConformanceIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static CallbackClient client() {
        return new CallbackClient(KooGallery.produceAddress(), KooGallery.key(), CallbackClient.defaultHttpClient(),
                DEADLINE.plusSeconds(10));
    }

    private static ConformanceSuite.Options options(ConformanceSuite.Billing billing) {
        return ConformanceSuite.Options.defaults(billing).polling(Duration.ofSeconds(30), Duration.ofMillis(250));
    }

    @Test
    void periodDebugCasesAndSecurityPass() {
        KooGallery.openApi();
        ConformanceReport report = new ConformanceSuite(client(), options(ConformanceSuite.Billing.PERIOD)).run();

        assertThat(report.allPassed()).as(report.format(false)).isTrue();
        assertThat(report.count(ConformanceReport.Status.SKIP)).isZero();
        assertThat(report.cases()).extracting(ConformanceReport.CaseResult::name)
                .contains("security: flipped signature", "security: oversized body", "upgradeInstance");
    }

    @Test
    void periodLiveCasesPass() {
        ConformanceReport report = new ConformanceSuite(client(),
                options(ConformanceSuite.Billing.PERIOD).live(KooGallery.openApi())).run();

        assertThat(report.allPassed()).as(report.format(false)).isTrue();
        assertThat(report.count(ConformanceReport.Status.SKIP)).isZero();
    }

    @Test
    void onDemandLiveCasesPassWithoutTheSecurityCasesAgain() {
        ConformanceReport report = new ConformanceSuite(client(),
                options(ConformanceSuite.Billing.ON_DEMAND).security(false).live(KooGallery.openApi())).run();

        assertThat(report.allPassed()).as(report.format(false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yearly-lifecycle", "retry-storm", "pay-per-use", "upgrade"})
    void builtInScenarioPasses(String name) {
        ScenarioReport report = new ScenarioRunner(client(), KooGallery.openApi(), DEADLINE, true)
                .run(Scenario.load(name));

        assertThat(report.allPassed()).as(report.format(false)).isTrue();
    }
}
