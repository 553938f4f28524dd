-- A classification decision records by right of what it was made: 'owner' (the asset's
-- information owner), or the role by which the decider may appoint owners in the
-- asset's unit and so decides in the owner's stead ('ledning', 'ciso', 'tenant_admin').
-- Every decision before this migration was the owner's: only the owner could decide.
ALTER TABLE classification ADD COLUMN decided_as TEXT;
UPDATE classification SET decided_as = 'owner' WHERE decided_by IS NOT NULL;
