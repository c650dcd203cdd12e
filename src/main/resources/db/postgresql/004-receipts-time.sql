-- When a receipt last changed: retention forgets the shared copies after the dedupe window, with their entries
-- (each home keeps its own files until its audit retention).
ALTER TABLE receipts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
