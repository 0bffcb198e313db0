-- Template changes Meta makes (Twilio Event Streams, or a sync that sees them): which attribute moved, the approval
-- status or the category, and whence. Rows so far were status changes.
ALTER TABLE template_status_change ADD COLUMN field TEXT NOT NULL DEFAULT 'status';
ALTER TABLE template_status_change ADD COLUMN source TEXT;
-- a template Meta moved from one category to another keeps the one it had, until an operator clears the flag
ALTER TABLE template ADD COLUMN recategorised_from TEXT;
-- a rule may insist on a UTILITY template: once Meta re-categorises its template, the rule stops using it
ALTER TABLE followup_rule ADD COLUMN require_utility BOOLEAN NOT NULL DEFAULT FALSE;
