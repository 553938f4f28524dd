-- Internal service levels (issue 24 point 6): what the IT department has agreed with the
-- verksamhet for one förvaltningsobjekt — availability, support hours, restore time
-- (RTO) and data loss (RPO), the contacts on both sides and the date the agreement is to
-- be reviewed. Not a supplier contract (those are agreements of kind 'sla'): the two are
-- compared, and both with the BIA's needs (src/continuity/service_level.c). The unit is
-- the object's, so need-to-know follows it as for risks.
CREATE TABLE service_level (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    object_id BIGINT NOT NULL REFERENCES managed_object(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    availability TEXT,
    support_hours TEXT,
    support_note TEXT,
    rto_hours BIGINT,
    rpo_hours BIGINT,
    it_contact_id BIGINT REFERENCES person(id),
    business_contact_id BIGINT REFERENCES person(id),
    review_due TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX service_level_tenant_id ON service_level (tenant_id, id);
CREATE INDEX service_level_object ON service_level (tenant_id, object_id);
CREATE INDEX service_level_unit ON service_level (tenant_id, unit_id);
CREATE INDEX service_level_review ON service_level (tenant_id, review_due);
