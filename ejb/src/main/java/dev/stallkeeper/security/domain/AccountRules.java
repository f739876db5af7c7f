package dev.stallkeeper.security.domain;

import java.util.Set;
import java.util.regex.Pattern;

/** What a user name and a password must look like; every refusal says what is wrong. */
public final class AccountRules {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 128;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");

    private AccountRules() {
    }

    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountException("user name must be 3 to 64 characters: letters, digits and . _ @ -,"
                    + " starting with a letter or digit");
        }
    }

    public static void checkPassword(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new AccountException("password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (password.isBlank() || password.chars().distinct().count() < 4) {
            throw new AccountException("password is too simple: use at least 4 different characters");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            throw new AccountException("password must not contain the user name");
        }
    }

    public static void checkRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new AccountException("a user needs at least one role (admin, finance, operator)");
        }
    }
}
