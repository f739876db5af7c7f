/**
 * Build time only: how the admin API's OpenAPI document is made. SmallRye OpenAPI's Maven plugin (web/pom.xml)
 * scans the JAX-RS resources at {@code process-classes}, merges {@code META-INF/openapi.yaml} (info, the security
 * scheme, the one error shape) and runs {@link dev.stallkeeper.web.apidoc.AdminApiFilter} over the result; the
 * document lands beside {@code web.api.ApiDocumentApi}, which serves it. This package is left out of the war.
 */
package dev.stallkeeper.web.apidoc;
