-- Indexes of the paged workflow lists (newest first, ties by id), so a page never sorts or scans a whole table.
-- The supervision list has its index already (ix_supervision_moved, V7).

-- The invoice list: requested_at DESC, id DESC.
CREATE INDEX ix_invoice_requested ON invoice (requested_at, id);

-- The e-mail outbox filtered by status (e.g. the parked ones), newest first.
CREATE INDEX ix_mail_outbox_status ON mail_outbox (status, id);
