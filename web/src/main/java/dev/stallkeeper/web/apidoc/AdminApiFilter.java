package dev.stallkeeper.web.apidoc;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Build time only (SmallRye OpenAPI's Maven plugin runs it over the scanned model; left out of the war): keeps the
 * admin API ({@code /api/admin/...}) and gives each of its operations
 * <ul>
 *   <li>its roles, read from the resource method's {@code @RolesAllowed} (else its class's), as the extension
 *       {@code x-roles}, as the role list of the {@code basicAuth} security requirement (OpenAPI 3.1 allows roles for
 *       schemes other than OAuth) and in its description; an admin operation without roles fails the build;</li>
 *   <li>the error answers it can give, each in the one error shape {@code ApiError} of {@code META-INF/openapi.yaml}
 *       (docs/code-layout.md "Exceptions"): 400 when it takes input, 401, 403, 404 when its path names something,
 *       409 and 415 when it changes something, 429 and 500.</li>
 * </ul>
 * The scan names each operation {@code package.Class_method} (the plugin's {@code operationIdStrategy}); that is how
 * the Java method is found, and the id is then shortened to {@code Class_method}.
 */
public class AdminApiFilter implements OASFilter {

    static final String PREFIX = "/api/admin";
    static final String SCHEME = "basicAuth";
    static final String ERROR = "#/components/schemas/ApiError";
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            throw new IllegalStateException("the scan found no JAX-RS resource at all");
        }
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
                paths.removePathItem(path); // KooGallery's address, health, usage, SSO, metrics: not the admin API
                continue;
            }
            paths.getPathItems().get(path).getOperations().forEach((method, operation) -> describe(path, method, operation));
        }
        if (paths.getPathItems().isEmpty()) {
            throw new IllegalStateException("the scan found no admin resource under " + PREFIX);
        }
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        String where = method + " " + path;
        Method java = resourceMethod(where, operation.getOperationId(), method);
        List<String> roles = roles(where, java);
        operation.setOperationId(java.getDeclaringClass().getSimpleName() + "_" + java.getName());
        operation.addExtension("x-roles", roles);
        operation.setSecurity(new ArrayList<>(List.of(
                OASFactory.createSecurityRequirement().addScheme(SCHEME, new ArrayList<>(roles)))));
        String who = "Roles: " + String.join(", ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);

        APIResponses responses = operation.getResponses() != null ? operation.getResponses()
                : OASFactory.createAPIResponses();
        operation.setResponses(responses);
        boolean input = operation.getParameters() != null && !operation.getParameters().isEmpty()
                || operation.getRequestBody() != null;
        boolean write = WRITES.contains(method);
        if (input) {
            responses.addAPIResponse("400", error("Invalid input: the reason, its message key and, when the input had"
                    + " several, its problems (a file's with their line)."));
        }
        responses.addAPIResponse("401", OASFactory.createAPIResponse()
                .description("No credentials, or wrong ones: HTTP Basic with a console user. The answer is the"
                        + " server's own, not ApiError.")
                .addHeader("WWW-Authenticate", OASFactory.createHeader().description("Basic realm")
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING))));
        responses.addAPIResponse("403", error("The caller's roles do not allow this operation, or a change came from"
                + " another site (key request.crossSite). A refusal by the server's URL constraints (web.xml) is an"
                + " HTML page instead.")
                .content(errorContent().addMediaType("text/html", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING)))));
        if (path.contains("{")) {
            responses.addAPIResponse("404", error("Nothing with that name or id."));
        }
        if (write) {
            responses.addAPIResponse("409", error("Refused in the current state of the thing (its message key says"
                    + " why)."));
            responses.addAPIResponse("415", error("The body is not application/json (the bill file: text/csv), or a"
                    + " request without a body lacks the header X-Requested-By (key request.crossSite)."));
        }
        responses.addAPIResponse("429", error("Too many failed logins for this user or address (key login.locked);"
                + " the answer also names lockedUntil.")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the lock ends")
                        .schema(OASFactory.createSchema().addType(SchemaType.INTEGER))));
        responses.addAPIResponse("500", error("Unexpected failure, logged by the server: {\"error\": \"internal error\"}."));
    }

    private static APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(errorContent());
    }

    private static Content errorContent() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR)));
    }

    /** The resource method behind an operation id {@code package.Class_method} with the operation's HTTP method. */
    private Method resourceMethod(String where, String operationId, PathItem.HttpMethod method) {
        int split = operationId == null ? -1 : operationId.indexOf('_', operationId.lastIndexOf('.') + 1);
        if (split < 0) {
            throw new IllegalStateException(where + ": operation id " + operationId + " is not package.Class_method"
                    + " (operationIdStrategy PACKAGE_CLASS_METHOD in web/pom.xml)");
        }
        String className = operationId.substring(0, split);
        String methodName = operationId.substring(split + 1);
        try {
            Class<?> type = Class.forName(className, false, AdminApiFilter.class.getClassLoader());
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName) && method.name().equals(httpMethod(m))) {
                        return m;
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(where + ": no class " + className, e);
        }
        throw new IllegalStateException(where + ": no " + method + " method " + methodName + " in " + className);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code @RolesAllowed} of the method, else of its class; an admin operation open to all or to none is refused. */
    private static List<String> roles(String where, Method m) {
        String java = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        if (m.isAnnotationPresent(PermitAll.class) || m.isAnnotationPresent(DenyAll.class)) {
            throw new IllegalStateException(where + " (" + java + "): the admin API names its roles with @RolesAllowed,"
                    + " not @PermitAll or @DenyAll");
        }
        RolesAllowed allowed = m.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = m.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null || allowed.value().length == 0) {
            throw new IllegalStateException(where + " (" + java + ") names no roles: give the method or its class"
                    + " @RolesAllowed");
        }
        return Arrays.stream(allowed.value()).sorted().distinct().toList();
    }
}
