package dev.stallkeeper.web.console;

import dev.stallkeeper.web.security.AdminAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/** The console's login form and logout button. */
@Named("login")
@RequestScoped
public class LoginBean {

    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    @Inject
    FormatBean format;

    private String username;
    private String password;

    public String login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, password)));
        password = null;
        switch (status) {
            case SEND_CONTINUE:
                faces.responseComplete(); // the mechanism redirected to the page first asked for
                return null;
            case SUCCESS:
                return "/admin/index?faces-redirect=true";
            default:
                Object locked = external.getRequestMap().get(AdminAuthentication.LOCKED_UNTIL);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, locked instanceof Instant until
                        ? messages.get("login.locked", format.time(until)) : messages.get("login.failed"), null));
                return null;
        }
    }

    public String logout() throws ServletException {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        request.logout();
        faces.getExternalContext().invalidateSession();
        return "/admin/login?faces-redirect=true";
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return null; }
    public void setPassword(String password) { this.password = password; }
}
