-- Callbacks refused before authentication (bad or missing signature, stale timestamp, oversized, over the bytes in
-- flight) are kept as metadata only: size, SHA-256 and at most the first KiB of the body in request_body. They are
-- never read for order keys and never counted as KooGallery failures (dashboard, delisting risk, failure alarm).
ALTER TABLE callback_log ADD COLUMN refused BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE callback_log ADD COLUMN body_size INTEGER;
ALTER TABLE callback_log ADD COLUMN body_sha256 VARCHAR(64);
