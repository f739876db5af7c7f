package dev.stallkeeper.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The console's texts in the current locale (bundle dev/stallkeeper/web/console/messages). */
@RequestScoped
public class Messages {

    static final String BUNDLE = "dev.stallkeeper.web.console.messages";

    @Inject
    FacesContext faces;

    public String get(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, faces.getViewRoot() != null
                ? faces.getViewRoot().getLocale() : faces.getExternalContext().getRequestLocale());
        String text = bundle.getString(key);
        return args.length == 0 ? text : MessageFormat.format(text, args);
    }
}
