package dev.stallkeeper.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The roles the generated document names come from {@code @RolesAllowed}; the server also applies web.xml's URL
 * constraints. Here every documented operation's roles must all pass the most specific constraint of its path
 * (servlet rules: an exact pattern, else the longest {@code /*} prefix), so that web.xml never refuses a role the
 * document promises. Reads the document as the build wrote it into the classes.
 */
class DocumentedRolesTest {

    @Test
    void webXmlAllowsEveryRoleTheDocumentNamesForEachOperation() throws Exception {
        JsonNode doc;
        try (InputStream in = DocumentedRolesTest.class.getResourceAsStream("/dev/stallkeeper/web/api/openapi.json")) {
            assertThat(in).as("openapi.json generated at process-classes (web/pom.xml)").isNotNull();
            doc = new ObjectMapper().readTree(in);
        }
        Map<String, Set<String>> constraints = constraints(Path.of("src/main/webapp/WEB-INF/web.xml"));
        List<String> refused = new ArrayList<>();
        int operations = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            Set<String> allowed = allowed(constraints, path.getKey());
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                operations++;
                for (JsonNode role : operation.getValue().path("x-roles")) {
                    if (allowed == null || !(allowed.contains(role.asText()) || allowed.contains("*"))) {
                        refused.add(operation.getKey() + " " + path.getKey() + ": " + role.asText());
                    }
                }
            }
        }
        assertThat(operations).as("documented operations").isGreaterThan(30);
        assertThat(refused).as("roles the document names but web.xml refuses").isEmpty();
    }

    /** url-pattern to the roles of every constraint that names it ({@code *}: a constraint without roles, open). */
    private static Map<String, Set<String>> constraints(Path webXml) throws Exception {
        Document xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(webXml.toFile());
        Map<String, Set<String>> roles = new HashMap<>();
        NodeList list = xml.getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < list.getLength(); i++) {
            Element constraint = (Element) list.item(i);
            Set<String> names = new HashSet<>();
            if (constraint.getElementsByTagNameNS("*", "auth-constraint").getLength() == 0) {
                names.add("*"); // no auth-constraint: open to anyone
            }
            NodeList roleNames = constraint.getElementsByTagNameNS("*", "role-name");
            for (int r = 0; r < roleNames.getLength(); r++) {
                names.add(roleNames.item(r).getTextContent().trim());
            }
            NodeList patterns = constraint.getElementsByTagNameNS("*", "url-pattern");
            for (int p = 0; p < patterns.getLength(); p++) {
                roles.computeIfAbsent(patterns.item(p).getTextContent().trim(), k -> new HashSet<>()).addAll(names);
            }
        }
        return roles;
    }

    private static Set<String> allowed(Map<String, Set<String>> constraints, String path) {
        if (constraints.containsKey(path)) {
            return constraints.get(path);
        }
        String best = null;
        for (String pattern : constraints.keySet()) {
            if (pattern.endsWith("/*") && (path.equals(pattern.substring(0, pattern.length() - 2))
                    || path.startsWith(pattern.substring(0, pattern.length() - 1)))
                    && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best == null ? null : constraints.get(best);
    }
}
