package dev.stallkeeper.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md ("Contexts inside ejb/ depend one way"), checked over the compiled classes of
 * ejb, batch and web (this module's test class path holds all three). A rule that fails names every offending
 * dependency with its source line; fix the dependency, not the rule.
 */
class ArchitectureTest {

    /** The bounded contexts of ejb/ (platform is the shared kernel: every context may use it, it uses none). */
    static final List<String> CONTEXTS = List.of("provisioning", "catalog", "audit", "billing", "usage",
            "invoicing", "supervision", "tenancy", "notification", "security");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.stallkeeper");
        assertThat(classes.stream().map(c -> c.getPackageName()))
                .as("the test sees ejb, batch and web")
                .anyMatch(p -> p.startsWith("dev.stallkeeper.billing"))
                .anyMatch(p -> p.startsWith("dev.stallkeeper.batch"))
                .anyMatch(p -> p.startsWith("dev.stallkeeper.web"));
    }

    @Test
    void contextsAndModulesAreFreeOfCycles() {
        slices().matching("dev.stallkeeper.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void thePlatformKernelUsesNoContext() {
        noClasses().that().resideInAPackage("dev.stallkeeper.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(contextPackages())
                .because("platform is the shared kernel that every context uses; a kernel that calls up makes cycles")
                .check(classes);
    }

    /** The quick start's demo month drives every context; nothing may need it (removing it removes only the demo). */
    @Test
    void nothingDependsOnTheDemo() {
        noClasses().that().resideOutsideOfPackage("dev.stallkeeper.demo..")
                .should().dependOnClassesThat().resideInAPackage("dev.stallkeeper.demo..")
                .check(classes);
    }

    @Test
    void theDomainAndApplicationLayersUseNoHttpFacesBatchOrServletTypes() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.ws.rs..", "jakarta.faces..", "jakarta.batch..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theDomainLayerUsesNoApplicationOrInfrastructure() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..application..", "..infrastructure..")
                .check(classes);
    }

    @Test
    void infrastructureServesTheApplicationLayerAndNeverCallsIt() {
        noClasses().that().resideInAPackage("dev.stallkeeper..infrastructure..")
                .should().dependOnClassesThat().resideInAPackage("dev.stallkeeper..application..")
                .because("application services use their infrastructure (SQL, external systems), not the reverse")
                .check(classes);
    }

    @Test
    void webAndBatchNeverUseInfrastructure() {
        noClasses().that().resideInAnyPackage("dev.stallkeeper.web..", "dev.stallkeeper.batch..")
                .should().dependOnClassesThat().resideInAPackage("dev.stallkeeper..infrastructure..")
                .check(classes);
    }

    @Test
    void onlyWebUsesReadiness() {
        noClasses().that().resideOutsideOfPackages("dev.stallkeeper.readiness..", "dev.stallkeeper.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.stallkeeper.readiness..")
                .because("readiness composes several contexts for the go-live page; nothing builds on it")
                .check(classes);
    }

    @Test
    void ejbNeverUsesWebOrBatch() {
        noClasses().that().resideInAnyPackage(ejbPackages())
                .should().dependOnClassesThat().resideInAnyPackage("dev.stallkeeper.web..", "dev.stallkeeper.batch..")
                .check(classes);
    }

    /**
     * Source-level: another context is named by an import, never by a fully qualified name written inline
     * (inline names hid half of the cycles this test was written against).
     */
    @Test
    void noInlineFullyQualifiedNamesOfOtherContexts() throws IOException {
        Pattern inline = Pattern.compile("dev\\.stallkeeper\\.(" + String.join("|", CONTEXTS) + "|platform)\\.[a-z.]*[A-Z]");
        List<String> offences = new ArrayList<>();
        for (Path root : sourceRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        if (line.startsWith("import ") || line.startsWith("package ")
                                || line.startsWith("*") || line.startsWith("//")) {
                            continue;
                        }
                        Matcher m = inline.matcher(line);
                        if (m.find()) {
                            offences.add(root.relativize(file) + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(offences).as("inline fully qualified names of a context (import them instead)").isEmpty();
    }

    @Test
    void everyContextSaysWhatItOwnsAndMayUse() {
        Path ejb = moduleRoot().resolve("ejb/src/main/java/dev/stallkeeper");
        List<String> missing = new ArrayList<>();
        for (String context : Stream.concat(CONTEXTS.stream(), Stream.of("platform", "demo")).toList()) {
            if (!Files.isRegularFile(ejb.resolve(context).resolve("package-info.java"))) {
                missing.add(context);
            }
        }
        assertThat(missing).as("contexts without a package-info.java").isEmpty();
    }

    private static String[] contextPackages() {
        return CONTEXTS.stream().map(c -> "dev.stallkeeper." + c + "..").toArray(String[]::new);
    }

    private static String[] ejbPackages() {
        return Stream.concat(CONTEXTS.stream(), Stream.of("platform", "demo", "readiness"))
                .map(c -> "dev.stallkeeper." + c + "..").toArray(String[]::new);
    }

    private static Path moduleRoot() {
        Path web = Path.of("").toAbsolutePath();
        return web.getParent();
    }

    private static List<Path> sourceRoots() {
        Path root = moduleRoot();
        return Stream.of("ejb", "batch", "web")
                .map(m -> root.resolve(m).resolve("src/main/java"))
                .filter(Files::isDirectory).toList();
    }
}
