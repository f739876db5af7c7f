package dev.stallkeeper.it.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP server the server under test sends to (GreenMail in the test JVM, on it.smtp.port), read back by tests. */
public final class MailServer {

    private MailServer() {
    }

    /** A GreenMail extension on the port the server under test was told about; register it as a static field. */
    public static GreenMailExtension extension() {
        return new GreenMailExtension(new ServerSetup(Integer.getInteger("it.smtp.port", 3125), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
    }
}
