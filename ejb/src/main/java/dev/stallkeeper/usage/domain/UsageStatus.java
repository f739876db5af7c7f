package dev.stallkeeper.usage.domain;

/**
 * Where a usage record stands. {@code PENDING} records are pushed when due; {@code ACCEPTED} and {@code REJECTED}
 * are KooGallery's final word; {@code PARKED} ones could not make KooGallery's 21-day window and wait for a person
 * (replay); {@code SKIPPED} ones had nothing to push (usage 0: KooGallery takes only values above 0).
 */
public enum UsageStatus {
    PENDING, ACCEPTED, REJECTED, PARKED, SKIPPED
}
