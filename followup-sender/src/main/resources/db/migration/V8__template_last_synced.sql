-- When a Content API sync last listed each template: a template Twilio stopped listing keeps its old instant, so the
-- console shows how fresh each approval status is. Synced templates so far were last seen at their last update.
ALTER TABLE template ADD COLUMN last_synced_at TIMESTAMPTZ;
UPDATE template SET last_synced_at = updated_at WHERE source = 'SYNC';
