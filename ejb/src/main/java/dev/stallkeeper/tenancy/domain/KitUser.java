package dev.stallkeeper.tenancy.domain;

/** One entry of authSync's {@code userList} (spec §6.2, type User). */
public record KitUser(String userName, String name, String orgCode, String position, String employeeCode,
                      String employeeType, String role, boolean enabled, String mobile, String email, String workPlace,
                      String entryDate) {
}
