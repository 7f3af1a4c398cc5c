-- Several machines may share one database and one images root: each image record names the host whose
-- checker wrote it (NULL for images written before this migration).
ALTER TABLE images ADD COLUMN written_by TEXT;
