package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationResourcesTest {

    private final MigrationResources resources = new MigrationResources(getClass().getClassLoader());

    @Test
    void namesEveryMigrationScriptInTheSourceTree() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(MigrationResources.MIGRATIONS.stream().sorted().toList());
        }
    }

    @Test
    void namesEveryJavaMigrationInTheSourceTree() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/stallkeeper/platform/migration"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".java", "")).sorted())
                    .containsExactlyElementsOf(MigrationResources.JAVA_MIGRATIONS.stream().map(Class::getSimpleName)
                            .sorted().toList());
        }
    }

    @Test
    void servesVersionedScriptsByPrefixAndSuffix() throws IOException {
        assertThat(resources.getResources("V", new String[] {".sql"})).extracting(LoadableResource::getFilename)
                .containsExactlyElementsOf(MigrationResources.MIGRATIONS);
        assertThat(resources.getResources("R__", new String[] {".sql"})).isEmpty();
        try (Reader reader = resources.getResource("db/migration/" + MigrationResources.MIGRATIONS.get(0)).read()) {
            assertThat(reader.read()).isNotEqualTo(-1);
        }
        assertThat(resources.getResource("V99__missing.sql")).isNull();
    }
}
