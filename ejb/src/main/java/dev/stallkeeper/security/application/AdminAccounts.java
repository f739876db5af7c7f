package dev.stallkeeper.security.application;

import dev.stallkeeper.security.domain.AccountException;
import dev.stallkeeper.security.domain.AccountRules;
import dev.stallkeeper.security.domain.AdminAccount;
import dev.stallkeeper.security.domain.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The seller's staff accounts. There is always at least one enabled admin: the last one cannot be disabled or
 * lose the admin role (the check locks every admin row, so two admins demoting each other at once cannot both
 * succeed). Passwords are never logged or returned.
 */
@Stateless
public class AdminAccounts {

    private static final Logger LOG = Logger.getLogger(AdminAccounts.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    @Inject
    Clock clock;

    public boolean anyExists() {
        return !em.createQuery("SELECT a.username FROM AdminAccount a", String.class).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<AdminAccount> list() {
        return em.createQuery("SELECT a FROM AdminAccount a ORDER BY a.username", AdminAccount.class).getResultList();
    }

    /**
     * The enabled accounts that {@code password} opens (at most {@code max} are tried, in name order: each try costs a
     * PBKDF2 hash): the go-live checklist asks whether the quick start's password still works. Nothing is logged.
     */
    public List<String> enabledAccountsAccepting(char[] password, int max) {
        List<Object[]> rows = em.createQuery("SELECT a.username, a.passwordHash FROM AdminAccount a"
                + " WHERE a.enabled = TRUE ORDER BY a.username", Object[].class).setMaxResults(max).getResultList();
        return rows.stream().filter(r -> hashing.verify(password, (String) r[1])).map(r -> (String) r[0]).toList();
    }

    public Optional<AdminAccount> find(String username) {
        return Optional.ofNullable(username == null ? null : em.find(AdminAccount.class, username));
    }

    public AdminAccount create(String username, String displayName, char[] password, Set<Role> roles, String by) {
        AccountRules.checkUsername(username);
        AccountRules.checkPassword(username, new String(password));
        AccountRules.checkRoles(roles);
        if (em.find(AdminAccount.class, username) != null) {
            throw new AccountException("user " + username + " already exists");
        }
        AdminAccount account = new AdminAccount(username, blankToNull(displayName), hashing.hash(password), roles, by,
                clock.instant());
        em.persist(account);
        em.flush(); // a concurrent create of the same name fails here, on the primary key
        LOG.infof("User %s created by %s with roles %s", username, by, roles);
        return account;
    }

    public AdminAccount update(String username, String displayName, Set<Role> roles, boolean enabled, String by) {
        AdminAccount account = lock(username);
        if (account.isActiveAdmin() && (!enabled || !roles.contains(Role.ADMIN))) {
            requireAnotherActiveAdmin(username);
        }
        account.changeRoles(roles, clock.instant());
        account.enable(enabled, clock.instant());
        account.rename(blankToNull(displayName), clock.instant());
        LOG.infof("User %s changed by %s: roles %s, %s", username, by, roles, enabled ? "enabled" : "disabled");
        return account;
    }

    public void changePassword(String username, char[] password, String by) {
        AccountRules.checkPassword(username, new String(password));
        lock(username).changePasswordHash(hashing.hash(password), clock.instant());
        LOG.infof("Password of %s set by %s", username, by);
    }

    private AdminAccount lock(String username) {
        AdminAccount account = username == null ? null : em.find(AdminAccount.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new AccountException("no user " + username);
        }
        return account;
    }

    private void requireAnotherActiveAdmin(String username) {
        List<AdminAccount> admins = em.createQuery("SELECT a FROM AdminAccount a WHERE a.enabled = TRUE", AdminAccount.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        boolean another = admins.stream().anyMatch(a -> !a.username().equals(username) && a.isActiveAdmin());
        if (!another) {
            throw new AccountException("the last enabled admin cannot be disabled or lose the admin role");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
