package dev.stallkeeper.tenancy.domain;

/** A department of a tenant's organisation tree; {@code parentCode} is empty at the top. */
public record OrgUnit(String orgCode, String orgName, String parentCode) {
}
