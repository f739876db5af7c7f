package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.web.common.Downloads;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** What the workflow pages share: who is acting, role checks, messages, uploads and downloads. */
abstract class ConsolePage {

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    String currentUser() {
        return faces.getExternalContext().getUserPrincipal().getName();
    }

    /** web.xml guards the page; every action checks again (a user demoted meanwhile is refused). */
    void requireAnyRole(String... roles) {
        ExternalContext ctx = faces.getExternalContext();
        if (Arrays.stream(roles).noneMatch(ctx::isUserInRole)) {
            throw new SecurityException("one of the roles " + Arrays.toString(roles) + " is required");
        }
    }

    /** A message that survives the redirect after a successful action. */
    void info(String text) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /** A refusal, shown on the page that stays. */
    String refused(RefusedException e) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                messages.get("workflow.refused") + " " + e.getMessage(), null));
        return null;
    }

    static Attachment attachment(Part part) {
        if (part == null || part.getSize() == 0) {
            return null;
        }
        try (InputStream in = part.getInputStream()) {
            String name = part.getSubmittedFileName();
            return new Attachment(name == null ? "upload" : name.replaceAll(".*[/\\\\]", ""), part.getContentType(),
                    in.readNBytes(Attachment.MAX_BYTES + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a stored file as the response (an attachment) and ends the Faces lifecycle. */
    void download(String name, String contentType, byte[] bytes) {
        ExternalContext ctx = faces.getExternalContext();
        ctx.responseReset();
        ctx.setResponseContentType(contentType == null ? "application/octet-stream" : contentType);
        ctx.setResponseContentLength(bytes.length);
        ctx.setResponseHeader("Content-Disposition", Downloads.disposition(name));
        ctx.setResponseHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = ctx.getResponseOutputStream()) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }
}
