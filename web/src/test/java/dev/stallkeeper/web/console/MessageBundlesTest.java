package dev.stallkeeper.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console speaks English and Simplified Chinese: every key in both, every key a page names in the bundles. */
class MessageBundlesTest {

    private static final Path PAGES = Path.of("src/main/webapp/admin");
    /** {@code msg['key']} with a literal key; keys built with concat are checked by their pages' tests. */
    private static final Pattern KEY = Pattern.compile("msg\\['([A-Za-z0-9_.]+)'\\]");

    @Test
    void bothLanguagesHaveTheSameKeysAndNoBlankValue() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).as("keys in Chinese").isEqualTo(en.stringPropertyNames());
        for (Properties bundle : Set.of(en, zh)) {
            assertThat(bundle.stringPropertyNames()).allSatisfy(key -> assertThat(bundle.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void everyKeyAPageNamesIsInTheBundles() throws IOException {
        Properties en = load("messages.properties");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> pages = Files.list(PAGES)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                Matcher m = KEY.matcher(Files.readString(page));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).as("keys named by the pages").contains("nav.group.operations", "instances.empty");
        assertThat(named).allSatisfy(key -> assertThat(en.stringPropertyNames()).as("pages name " + key).contains(key));
    }

    private Properties load(String bundle) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream(bundle)) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
