package dev.stallkeeper.web.security;

import java.io.Serializable;

/** Who logged in to the console in this HTTP session; roles are read from the database on every request. */
public record SessionLogin(String username) implements Serializable {

    public static final String ATTRIBUTE = "dev.stallkeeper.login";
}
