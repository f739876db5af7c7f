package dev.stallkeeper.web.api;

import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.provisioning.application.InstanceReports;
import dev.stallkeeper.security.application.AdminAccounts;
import dev.stallkeeper.security.application.LoginThrottle;
import dev.stallkeeper.security.domain.AccountException;
import dev.stallkeeper.security.domain.AdminAccount;
import dev.stallkeeper.security.domain.Role;
import dev.stallkeeper.web.common.Inputs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin REST API ({@code /api/admin}): JSON over HTTP Basic with the console's users and roles. Writes
 * accept only {@code application/json}, so that a form on another site cannot post to it with a browser's
 * remembered credentials. Refusals are JSON {@code {"error": "..."}} with 400, 401, 403, 404 or 415.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminApi {

    @Inject
    AdminAccounts accounts;

    @Inject
    InstanceReports instances;

    @Inject
    LoginThrottle throttle;

    @Context
    SecurityContext security;

    /** Who is calling, with which roles. */
    @GET
    @Path("me")
    @RolesAllowed({"admin", "finance", "operator"})
    public Map<String, Object> me() {
        Set<String> roles = new TreeSet<>();
        for (Role role : Role.values()) {
            if (security.isUserInRole(role.id())) {
                roles.add(role.id());
            }
        }
        return Map.of("username", security.getUserPrincipal().getName(), "roles", roles);
    }

    @GET
    @Path("instances/summary")
    @RolesAllowed({"admin", "finance", "operator"})
    public Map<String, Long> instanceSummary() {
        return instances.countByState();
    }

    /** A user as the API shows it; {@code lockedUntil} is set while failed logins keep the user locked out. */
    public record UserView(String username, String displayName, List<String> roles, boolean enabled, String createdAt,
                           String createdBy, String lockedUntil) {
        static UserView of(AdminAccount a) {
            return of(a, null);
        }

        static UserView of(AdminAccount a, Instant lockedUntil) {
            return new UserView(a.username(), a.displayName(), a.roles().stream().map(Role::id).sorted().toList(),
                    a.enabled(), a.createdAt().toString(), a.createdBy(), lockedUntil == null ? null : lockedUntil.toString());
        }
    }

    public record NewUser(String username, String displayName, String password, List<String> roles) {
    }

    public record UserChange(String displayName, List<String> roles, Boolean enabled) {
    }

    public record PasswordChange(String password) {
    }

    @GET
    @Path("users")
    @RolesAllowed("admin")
    public List<UserView> users() {
        Map<String, Instant> locked = throttle.lockedUsers();
        return accounts.list().stream().map(a -> UserView.of(a, locked.get(a.username()))).toList();
    }

    /** Lifts the login lock that failed attempts put on a user (the users page has the same button). */
    @POST
    @Path("users/{username}/unlock")
    @RolesAllowed("admin")
    public Response unlock(@PathParam("username") String username) {
        accounts.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        throttle.unlock(username, caller());
        return Response.noContent().build();
    }

    @POST
    @Path("users")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser user) {
        if (user == null) {
            throw new AccountException("body must be a JSON object with username, password and roles");
        }
        AdminAccount created = accounts.create(user.username(), user.displayName(),
                user.password() == null ? new char[0] : user.password().toCharArray(), roles(user.roles()), caller());
        return Response.created(URI.create("/api/admin/users/" + created.username())).entity(UserView.of(created)).build();
    }

    @PUT
    @Path("users/{username}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@PathParam("username") String username, UserChange change) {
        AdminAccount current = accounts.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        if (change == null) {
            throw new AccountException("body must be a JSON object");
        }
        return UserView.of(accounts.update(username,
                change.displayName() != null ? change.displayName() : current.displayName(),
                change.roles() != null ? roles(change.roles()) : current.roles(),
                change.enabled() != null ? change.enabled() : current.enabled(), caller()));
    }

    @PUT
    @Path("users/{username}/password")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response password(@PathParam("username") String username, PasswordChange change) {
        accounts.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        accounts.changePassword(username, change == null || change.password() == null ? new char[0]
                : change.password().toCharArray(), caller());
        return Response.noContent().build();
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static Set<Role> roles(List<String> ids) {
        if (ids == null) {
            throw new AccountException("roles are missing: any of " + Arrays.stream(Role.values()).map(Role::id).toList());
        }
        return Inputs.roles(ids);
    }

    /** 404 with a JSON body. */
}
