/**
 * Security: the console's users, roles, password hashing and login throttling.
 *
 * <p>Owns: admin_user, admin_user_role, login_failure.
 *
 * <p>May use: {@code platform} only.
 */
package dev.stallkeeper.security;
