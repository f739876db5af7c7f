package dev.stallkeeper.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.platform.StallkeeperConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry is the one list of settings: every name the code, WildFly's configuration or the launchers read is
 * in it, everything in it is read somewhere, and docs/configuration.md lists exactly it. The sources are read from
 * disk, relative to this module's directory (where Maven runs the tests).
 */
class SettingsRegistryTest {

    private static final Path ROOT = Path.of("..");

    /** The main sources whose reads must be listed. */
    private static final List<Path> JAVA_SOURCES = List.of(ROOT.resolve("ejb/src/main/java"),
            ROOT.resolve("batch/src/main/java"), ROOT.resolve("web/src/main/java"));

    private static final List<Path> SERVER_FILES = List.of(ROOT.resolve("ear/src/main/wildfly/configure.cli"),
            ROOT.resolve("ear/src/main/wildfly/standalone.conf.append"));

    private static final List<Path> LAUNCHER_FILES = List.of(ROOT.resolve("ear/src/main/release/bin/stallkeeper"),
            ROOT.resolve("stallkeeper"));

    /** Where the settings are declared: names there are declarations, not reads. */
    private static final Path DECLARATION = Path.of("dev/stallkeeper/platform/config/Setting.java");

    /** A string literal that looks like a setting's environment name. */
    private static final Pattern NAME_LITERAL = Pattern.compile("\"((?:KOOGALLERY|STALLKEEPER|POSTGRESQL|SMTP)_[A-Z0-9_]+)\"");

    /** A system property in the settings' dotted form. */
    private static final Pattern PROPERTY_READ = Pattern.compile(
            "System\\.getProperty\\(\\s*\"((?:stallkeeper|koogallery|postgresql)\\.[a-z0-9.]+)\"");

    private static final Pattern ENV_READ = Pattern.compile("System\\.getenv\\(\\s*\"([A-Za-z0-9_]+)\"");

    /** Names in shell scripts and WildFly's CLI: $NAME, ${NAME...}, ${env.NAME...}. */
    private static final Pattern SCRIPT_READ = Pattern.compile(
            "\\$\\{?(?:env\\.)?((?:KOOGALLERY|STALLKEEPER|POSTGRESQL|SMTP)_[A-Z0-9_]+)");

    /** Literals that look like settings but name cookies; each is checked to be used as such. */
    private static final Map<String, String> COOKIE_NAMES = Map.of(
            "STALLKEEPER_SESSION", "setName(\"STALLKEEPER_SESSION\")",
            "STALLKEEPER_SSO", "SESSION_COOKIE = \"STALLKEEPER_SSO\"",
            "STALLKEEPER_SSO_STATE", "STATE_COOKIE = \"STALLKEEPER_SSO_STATE\"",
            "STALLKEEPER_SSO_CONFIRM", "CONFIRM_COOKIE = \"STALLKEEPER_SSO_CONFIRM\"");

    /** The nine settings the code read but the console's hand-kept list lacked (issue: configuration). */
    static final List<String> ONCE_MISSING = List.of("STALLKEEPER_SETTLEMENT_THRESHOLD",
            "STALLKEEPER_SETTLEMENT_PARTITIONS", "STALLKEEPER_SETTLEMENT_SCHEDULE", "STALLKEEPER_PLATFORM_FEE_PERCENT",
            "STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE", "STALLKEEPER_PRODUCT_TYPES", "STALLKEEPER_DEFAULT_PRODUCT_TYPE",
            "STALLKEEPER_SUPERVISED_PRODUCTS", "STALLKEEPER_SUPERVISED_PRODUCT_TYPES");

    @Test
    void everySettingTheCodeReadsIsListed() {
        Map<String, Set<String>> reads = javaReads();
        String cookies = javaText();
        COOKIE_NAMES.forEach((name, use) -> {
            assertThat(cookies).as(name + " is a cookie's name").contains(use);
            reads.remove(name);
        });
        assertThat(reads).as("names the sources read (with where) that the registry does not list")
                .isNotEmpty()
                .allSatisfy((name, where) -> assertThat(SettingsRegistry.find(name)).as(name + " read in " + where)
                        .isPresent());
        Map<String, Set<String>> scriptReads = new TreeMap<>();
        Stream.concat(SERVER_FILES.stream(), LAUNCHER_FILES.stream()).forEach(file -> {
            Matcher m = SCRIPT_READ.matcher(withoutComments(read(file)));
            while (m.find()) {
                scriptReads.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file.toString());
            }
        });
        assertThat(scriptReads).isNotEmpty().allSatisfy((name, where) ->
                assertThat(SettingsRegistry.find(name)).as(name + " read in " + where).isPresent());
    }

    @Test
    void everyListedSettingIsReadWhereItsDeclarationSays() {
        Set<String> javaNames = javaReads().keySet();
        String javaUses = javaText();
        String server = SERVER_FILES.stream().map(f -> withoutComments(read(f))).collect(Collectors.joining("\n"));
        String launcher = LAUNCHER_FILES.stream().map(f -> withoutComments(read(f))).collect(Collectors.joining("\n"));
        for (Setting s : Setting.values()) {
            for (Setting.Reader reader : s.readers()) {
                boolean read = switch (reader) {
                    case APPLICATION -> javaNames.contains(s.envName())
                            || Pattern.compile("\\bSetting\\." + s.envName() + "\\b").matcher(javaUses).find();
                    case SERVER -> mentions(server, s);
                    case LAUNCHER -> mentions(launcher, s);
                };
                assertThat(read).as(s + " is declared as read by " + reader).isTrue();
            }
        }
    }

    @Test
    void namesArePlainAndUnique() {
        assertThat(SettingsRegistry.all()).doesNotHaveDuplicates().hasSize(Setting.values().length);
        assertThat(SettingsRegistry.all().stream().map(Setting::propertyName)).doesNotHaveDuplicates();
        assertThat(SettingsRegistry.all()).allSatisfy(s -> {
            assertThat(s.envName()).matches("(KOOGALLERY|STALLKEEPER|POSTGRESQL)_[A-Z0-9_]+");
            assertThat(s.description()).isNotBlank().doesNotContain("\n");
            assertThat(SettingsRegistry.require(s.envName())).isSameAs(s);
        });
        assertThat(SettingsRegistry.byContext().values().stream().mapToInt(List::size).sum())
                .isEqualTo(Setting.values().length);
    }

    @Test
    void everySecretIsMarkedSecret() {
        Set<String> secrets = SettingsRegistry.all().stream().filter(Setting::secret).map(Setting::envName)
                .collect(Collectors.toSet());
        assertThat(secrets).containsExactlyInAnyOrder("POSTGRESQL_PASSWORD", "STALLKEEPER_DATA_KEY",
                "STALLKEEPER_METRICS_TOKEN", "KOOGALLERY_KEY", "KOOGALLERY_SK", "KOOGALLERY_KIT_KEY",
                "KOOGALLERY_KIT_PRIVATE_KEY", "STALLKEEPER_SMTP_PASSWORD", "STALLKEEPER_USAGE_TOKEN",
                "STALLKEEPER_ADMIN_PASSWORD");
        assertThat(SettingsRegistry.all()).filteredOn(s -> looksSecret(s.envName())).allMatch(Setting::secret);
    }

    @Test
    void theOnceMissingSettingsAreListedWithTheDefaultsTheCodeApplies() {
        assertThat(ONCE_MISSING).allSatisfy(name -> assertThat(SettingsRegistry.find(name)).isPresent());
        StallkeeperConfig none = new StallkeeperConfig(Map.of(), Map.of());
        assertThat(none.settlementThreshold()).isEqualByComparingTo("1000.00");
        assertThat(none.settlementPartitions()).isEqualTo(4);
        assertThat(none.settlementSchedule()).isEqualTo("3 02:00");
        assertThat(none.platformFeePercent()).isEqualByComparingTo("5");
        assertThat(none.platformFeePercentByType()).isEmpty();
        assertThat(none.productTypes()).isEmpty();
        assertThat(none.defaultProductType()).isEqualTo("SAAS");
        assertThat(none.supervisedProducts()).isEmpty();
        assertThat(none.supervisedProductTypes())
                .containsExactlyInAnyOrder("LICENSE", "MANUAL_SERVICE", "HARDWARE", "APP_ORCHESTRATION");
    }

    @Test
    void theDefaultsAreTheOnesTheAccessorsApply() {
        StallkeeperConfig none = new StallkeeperConfig(Map.of(), Map.of());
        assertThat(none.maxBodyBytes()).isEqualTo(65_536);
        assertThat(none.callbackBytesInFlight()).isEqualTo(16 * 1024 * 1024);
        assertThat(none.kitMaxBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(none.auditSpoolBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(none.auditSpoolEntries()).isEqualTo(100_000);
        assertThat(none.openApiTimeout()).hasMillis(5_000);
        assertThat(none.apiBase()).hasToString(StallkeeperConfig.DEFAULT_API_BASE)
                .hasToString("https://mkt.myhuaweicloud.com");
        assertThat(none.smtpPort()).isEqualTo(587);
        assertThat(none.nodeId()).isNotBlank();
        assertThat(none.usageDuplicateCodes()).containsExactly("003");
        assertThat(none.koogalleryKeys()).isEmpty();
        assertThat(none.metricsTokens()).isEmpty();
        assertThat(none.usageTokens()).isEmpty();
        assertThat(none.secureCookies()).isTrue();
        assertThat(none.frontEndUrlTemplate()).isEqualTo("https://saas.example.com/t/{tenant}/");
        StallkeeperConfig set = new StallkeeperConfig(Map.of("STALLKEEPER_SMTP_TLS", "false",
                "STALLKEEPER_MAX_BODY_BYTES", "12"), Map.of("stallkeeper.max.body.bytes", "34"));
        assertThat(set.smtpPort()).isEqualTo(25);
        assertThat(set.maxBodyBytes()).as("the system property wins").isEqualTo(34);
        assertThatThrownBy(new StallkeeperConfig(Map.of("STALLKEEPER_SETTLEMENT_PARTITIONS", "four"), Map.of())
                ::settlementPartitions).hasMessage("STALLKEEPER_SETTLEMENT_PARTITIONS must be a whole number, got 'four'");
    }

    @Test
    void everyAccessorWorksWithNothingSet() throws ReflectiveOperationException {
        StallkeeperConfig none = new StallkeeperConfig(Map.of(), Map.of());
        int called = 0;
        for (java.lang.reflect.Method m : StallkeeperConfig.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0
                    && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                assertThat(m.invoke(none)).as(m.getName()).isNotNull();
                called++;
            }
        }
        assertThat(called).isGreaterThan(50);
    }

    @Test
    void anUnlistedNameIsRefused() {
        StallkeeperConfig config = new StallkeeperConfig(Map.of("STALLKEEPER_NOT_A_SETTING", "x"), Map.of());
        assertThatThrownBy(() -> config.value("STALLKEEPER_NOT_A_SETTING"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STALLKEEPER_NOT_A_SETTING");
        assertThatThrownBy(() -> config.value("STALLKEEPER_NOT_A_SETTING", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.longValue("STALLKEEPER_NOT_A_SETTING", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StallkeeperConfig(Map.of("STALLKEEPER_ADMIN_USER", "root"), Map.of())
                .value("STALLKEEPER_ADMIN_USER")).hasValue("root");
    }

    /** Names in the docs and deployment templates that look like settings but are not Stallkeeper's. */
    private static final Map<String, String> NOT_SETTINGS = Map.of(
            "STALLKEEPER_ROUTE", "the ingress's affinity cookie (deploy/kubernetes)",
            "STALLKEEPER_LB_BIND", "HAProxy's listen address (deploy/haproxy)",
            "STALLKEEPER_LB_STATS_BIND", "HAProxy's stats address (deploy/haproxy)",
            "STALLKEEPER_SKIP_BROWSER", "the browser tests' switch (it module)");

    /** A whole name in prose: not a prefix such as STALLKEEPER_SMTP_ or STALLKEEPER_SSO_*. */
    private static final Pattern NAME_IN_TEXT = Pattern.compile(
            "\\b((?:KOOGALLERY|STALLKEEPER|POSTGRESQL)_[A-Z0-9_]*[A-Z0-9])(?![A-Z0-9_*])");

    @Test
    void everySettingTheDocsAndTemplatesNameIsListed() throws IOException {
        List<Path> texts = new java.util.ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String dir : List.of("docs", "deploy")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                files.filter(Files::isRegularFile).forEach(texts::add);
            }
        }
        Map<String, Set<String>> named = new TreeMap<>();
        for (Path file : texts) {
            Matcher m = NAME_IN_TEXT.matcher(read(file));
            while (m.find()) {
                named.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file.toString());
            }
        }
        named.keySet().removeAll(COOKIE_NAMES.keySet());
        named.keySet().removeAll(NOT_SETTINGS.keySet());
        assertThat(named).isNotEmpty().allSatisfy((name, where) ->
                assertThat(SettingsRegistry.find(name)).as(name + " named in " + where).isPresent());
    }

    /** docs/configuration.md: one table row per setting, under its context's heading, with its default and secrecy. */
    @Test
    void theConfigurationDocListsExactlyTheRegistry() {
        Pattern heading = Pattern.compile("^## .*\\(`([a-z]+)`\\)\\s*$");
        Pattern row = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([^|]+) \\| (yes|no) \\|.*");
        Map<String, String> documented = new HashMap<>();
        String context = null;
        for (String line : read(ROOT.resolve("docs/configuration.md")).split("\n")) {
            Matcher h = heading.matcher(line);
            if (h.matches()) {
                context = h.group(1);
                continue;
            }
            Matcher r = row.matcher(line);
            if (r.matches()) {
                assertThat(documented.put(r.group(1), context + " | " + r.group(2).trim() + " | " + r.group(3)))
                        .as(r.group(1) + " documented twice").isNull();
            }
        }
        Map<String, String> declared = SettingsRegistry.all().stream().collect(Collectors.toMap(Setting::envName,
                s -> s.context().key() + " | " + s.defaultValue().map(d -> "`" + d + "`").orElse("none") + " | "
                        + (s.secret() ? "yes" : "no")));
        assertThat(documented).as("docs/configuration.md (context | default | secret)")
                .containsExactlyInAnyOrderEntriesOf(declared);
    }

    private static boolean looksSecret(String name) {
        return name.endsWith("_KEY") || name.endsWith("_SK") || name.endsWith("_TOKEN") || name.contains("PASSWORD")
                || name.contains("SECRET");
    }

    /** Whether script text names a setting: its environment name, or its system property (as in -Dsome.name=). */
    private static boolean mentions(String text, Setting s) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + s.envName() + "(?![A-Za-z0-9_])").matcher(text).find()
                || Pattern.compile("(?<![a-z0-9_.])" + Pattern.quote(s.propertyName()) + "(?![a-z0-9_.-])")
                        .matcher(text).find();
    }

    /** Every setting-like name the Java main sources read, with the files that read it. */
    private static Map<String, Set<String>> javaReads() {
        Map<String, Set<String>> reads = new TreeMap<>();
        javaFiles().forEach(file -> {
            String text = read(file);
            for (Pattern p : List.of(NAME_LITERAL, ENV_READ, PROPERTY_READ)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String name = m.group(1).contains(".") ? m.group(1).toUpperCase(Locale.ROOT).replace('.', '_')
                            : m.group(1);
                    reads.computeIfAbsent(name, k -> new TreeSet<>()).add(file.getFileName().toString());
                }
            }
        });
        return reads;
    }

    private static String javaText() {
        return javaFiles().stream().map(SettingsRegistryTest::read).collect(Collectors.joining("\n"));
    }

    private static List<Path> javaFiles() {
        return JAVA_SOURCES.stream().flatMap(dir -> {
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !dir.relativize(f).equals(DECLARATION)).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Shell and CLI text without its comment lines (which name settings without reading them). */
    private static String withoutComments(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
