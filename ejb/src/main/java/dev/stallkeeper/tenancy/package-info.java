/**
 * Tenancy: joint operation (the Kit's tenant, application, user and organisation syncs) and single sign-on.
 *
 * <p>Owns: kit_tenant, kit_application, kit_user, kit_org, kit_org_tree, sso_state, sso_code, sso_session, sso_pending.
 *
 * <p>May use: {@code audit} (the callback journal), {@code platform}, {@code protocol}.
 */
package dev.stallkeeper.tenancy;
