-- Stallkeeper schema, version 4: indexes behind the admin console's lists (fast with a million instances).

-- Instances: filtered by state or product and ordered by time (the id breaks ties, so that the index gives the
-- whole order and a page deep in the list needs no sort); looked up by buyer.
CREATE INDEX ix_instance_created_id ON instance (created_at, id);
CREATE INDEX ix_instance_updated_id ON instance (updated_at, id);
CREATE INDEX ix_instance_state_created ON instance (state, created_at, id);
CREATE INDEX ix_instance_product_created ON instance (product_id, created_at, id);
CREATE INDEX ix_instance_customer ON instance (customer_id);

-- Callbacks of one instance (queries name it in instance_ids), and failed callbacks by time.
CREATE INDEX ix_callback_log_instance ON callback_log (instance_ids);
CREATE INDEX ix_callback_log_result ON callback_log (result_code, received_at);

-- Parked work for the interface-messages page.
CREATE INDEX ix_work_item_status_updated ON work_item (status, updated_at);
