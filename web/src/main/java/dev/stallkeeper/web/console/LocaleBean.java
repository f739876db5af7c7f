package dev.stallkeeper.web.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;

/** English or Simplified Chinese: taken from the browser until the user picks one with the switch. */
@Named("locale")
@SessionScoped
public class LocaleBean implements Serializable {

    private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    private Locale chosen;

    public Locale getCurrent() {
        if (chosen != null) {
            return chosen;
        }
        Locale browser = FacesContext.getCurrentInstance().getExternalContext().getRequestLocale();
        return browser != null && "zh".equals(browser.getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    public String getLanguage() {
        return getCurrent().toLanguageTag();
    }

    /** Switches the language and shows the same page again, with the same view parameters. */
    public String use(String tag) {
        chosen = "zh-CN".equals(tag) ? CHINESE : Locale.ENGLISH;
        FacesContext.getCurrentInstance().getViewRoot().setLocale(chosen);
        // the page's view parameters (a period, the list filters) come along
        return FacesContext.getCurrentInstance().getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
    }
}
