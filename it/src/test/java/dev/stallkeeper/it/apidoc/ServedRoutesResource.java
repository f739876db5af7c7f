package dev.stallkeeper.it.apidoc;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.resteasy.core.ResourceMethodInvoker;
import org.jboss.resteasy.core.ResourceMethodRegistry;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.spi.Registry;
import org.jboss.resteasy.spi.ResourceInvoker;

/**
 * Test only (added to the web module of the deployment under test, never shipped): the routes the server answers,
 * read from RESTEasy's own registry of the running application, one line each:
 * {@code METHOD /api/path/{param} role,role} (templates without their regular expressions; the roles of the
 * method's {@code @RolesAllowed}, else its class's; {@code -} for none). A sub-resource locator is listed as
 * {@code LOCATOR /path -}: the admin API has none, and a document could not list its methods. Knows nothing of the
 * OpenAPI document it is compared with.
 */
@Path("/test/routes")
@Produces(MediaType.TEXT_PLAIN)
public class ServedRoutesResource {

    @GET
    public String routes(@Context UriInfo uri) {
        String root = uri.getBaseUri().getPath().replaceAll("/+$", ""); // the application path, "/api"
        // the request's own registry; @Context Registry would be a proxy with the Registry interface only
        ResourceMethodRegistry registry = (ResourceMethodRegistry) ResteasyContext.getContextData(Registry.class);
        TreeSet<String> lines = new TreeSet<>();
        for (Map.Entry<String, List<ResourceInvoker>> bound : registry.getBounded().entrySet()) {
            String path = root + ("/" + bound.getKey()).replaceAll("/+", "/").replaceAll("(.)/$", "$1")
                    .replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}"); // {id: \\d+} is the template {id}
            for (ResourceInvoker invoker : bound.getValue()) {
                if (invoker instanceof ResourceMethodInvoker method) {
                    for (String http : method.getHttpMethods()) {
                        lines.add(http + " " + path + " " + roles(method.getMethod()));
                    }
                } else {
                    lines.add("LOCATOR " + path + " -");
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String roles(Method m) {
        RolesAllowed allowed = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                : m.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (allowed == null || allowed.value().length == 0) {
            return "-";
        }
        return Arrays.stream(allowed.value()).sorted().distinct().collect(Collectors.joining(","));
    }
}
