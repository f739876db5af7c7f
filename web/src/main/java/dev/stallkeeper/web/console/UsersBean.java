package dev.stallkeeper.web.console;

import dev.stallkeeper.security.application.AdminAccounts;
import dev.stallkeeper.security.application.LoginThrottle;
import dev.stallkeeper.security.domain.AccountException;
import dev.stallkeeper.security.domain.AdminAccount;
import dev.stallkeeper.security.domain.Role;
import dev.stallkeeper.web.common.Inputs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The users page (admins only: web.xml guards the page, and every action checks the role again). */
@Named("users")
@RequestScoped
public class UsersBean {

    @Inject
    AdminAccounts accounts;

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    @Inject
    LoginThrottle throttle;

    @Inject
    FormatBean format;

    private Map<String, Instant> locked;

    private List<AdminAccount> list;
    private String newUsername;
    private String newDisplayName;
    private String newPassword;
    private List<String> newRoles = List.of();

    public List<AdminAccount> getAccounts() {
        if (list == null) {
            list = accounts.list();
        }
        return list;
    }

    /** "locked until ..." (Beijing time) while failed logins keep the user out, else empty. */
    public String lockedText(AdminAccount account) {
        if (locked == null) {
            locked = throttle.lockedUsers();
        }
        Instant until = locked.get(account.username());
        return until == null ? "" : messages.get("users.locked", format.time(until));
    }

    public String unlock(String username) {
        requireAdmin();
        throttle.unlock(username, currentUser());
        info(messages.get("users.unlockedNow", username));
        return "/admin/users?faces-redirect=true";
    }

    public String roleNames(AdminAccount account) {
        return account.roles().stream().map(r -> messages.get("role." + r.id())).sorted().collect(Collectors.joining(", "));
    }

    public String create() {
        requireAdmin();
        try {
            accounts.create(newUsername, newDisplayName, newPassword == null ? new char[0] : newPassword.toCharArray(),
                    Inputs.roles(newRoles), currentUser());
            info(messages.get("users.created", newUsername));
            return "/admin/users?faces-redirect=true";
        } catch (AccountException e) {
            faces.addMessage("create", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        } finally {
            newPassword = null;
        }
    }

    public String toggle(String username) {
        requireAdmin();
        try {
            AdminAccount account = accounts.find(username).orElseThrow(() -> new AccountException("no user " + username));
            accounts.update(username, account.displayName(), account.roles(), !account.enabled(), currentUser());
            info(messages.get(account.enabled() ? "users.disabledNow" : "users.enabledNow", username));
        } catch (AccountException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
        return "/admin/users?faces-redirect=true";
    }

    private void info(String text) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private void requireAdmin() {
        if (!faces.getExternalContext().isUserInRole(Role.ADMIN.id())) {
            throw new SecurityException("admin role required");
        }
    }

    private String currentUser() {
        return faces.getExternalContext().getUserPrincipal().getName();
    }

    public String getNewUsername() { return newUsername; }
    public void setNewUsername(String v) { newUsername = v; }
    public String getNewDisplayName() { return newDisplayName; }
    public void setNewDisplayName(String v) { newDisplayName = v; }
    public String getNewPassword() { return null; }
    public void setNewPassword(String v) { newPassword = v; }
    public List<String> getNewRoles() { return newRoles; }
    public void setNewRoles(List<String> v) { newRoles = v; }
}
