package dev.stallkeeper.provisioning.domain;


/** One claimed attempt at a piece of background work. */
public record WorkClaim(long workId, String instanceId, WorkItem.Kind kind, int attempt) {
}
