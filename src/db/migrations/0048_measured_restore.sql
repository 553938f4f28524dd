-- The restore time a continuity test measured (issue 24 point 2): how many hours the
-- restore took in fact. The roll-up (src/continuity/rollup_page.c) compares the latest
-- measured one of a förvaltningsobjekt's plan with the strictest need rolled down to the
-- object's systems: a tested restore slower than the need is flagged, like a supplier's
-- weaker agreement.
ALTER TABLE continuity_test ADD COLUMN measured_restore_hours BIGINT;
