/**
 * Readiness: what a seller still lacks before pointing KooGallery at this server (the go-live checklist), and the
 * publishing report that KooGallery's listing asks for (the checklist, a self-test of the production address through
 * its public URL, TLS and security headers as seen from outside, the versions it runs on).
 *
 * <p>Owns: nothing stored; it reads settings and asks other contexts' application services.
 *
 * <p>May use: {@code audit} (debug calls in the callback journal), {@code security} (whether the quick start's admin
 * password still opens an account), {@code tenancy} (whether the Kit's private key is usable), {@code platform},
 * {@code protocol} (the signers of the self-test). Nothing in ejb or batch uses it; web shows it.
 */
package dev.stallkeeper.readiness;
