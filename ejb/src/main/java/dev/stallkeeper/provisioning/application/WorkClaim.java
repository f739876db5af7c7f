package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.WorkItem;

/** One claimed attempt at a piece of background work. */
public record WorkClaim(long workId, String instanceId, WorkItem.Kind kind, int attempt) {
}
