-- Risks and the action plan: risk analyses (a piece of work with a scope), the risks
-- found in them, rated on the tenant's matrix, the actions (handlingsplan) and which
-- risks they answer, and the decisions that freeze a year's plan.
-- Every row carries its tenant; lists are served by indexes led by tenant_id.

-- The tenant's risk matrix; no row means the default 4×4. When the size changes, every
-- stored rating is mapped onto the new size (src/risks/matrix.c) in the same transaction.
CREATE TABLE risk_matrix (
    tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenant(id),
    likelihood_levels INTEGER NOT NULL,
    consequence_levels INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE risk_analysis (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    title TEXT NOT NULL,
    scope_kind TEXT NOT NULL,
    object_id BIGINT REFERENCES managed_object(id),
    process_id BIGINT REFERENCES process(id),
    analysed_on TEXT,
    participants TEXT,
    method_notes TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_analysis_tenant_title ON risk_analysis (tenant_id, title, id);
CREATE INDEX risk_analysis_tenant_unit ON risk_analysis (tenant_id, unit_id);

-- level and residual_level are derived from the ratings on write (one of low, medium,
-- high, very_high), so the register filters and sorts by them through an index.
CREATE TABLE risk (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    analysis_id BIGINT REFERENCES risk_analysis(id),
    title TEXT NOT NULL,
    description TEXT,
    threat TEXT,
    vulnerability TEXT,
    object_id BIGINT REFERENCES managed_object(id),
    system_id BIGINT REFERENCES system(id),
    likelihood INTEGER NOT NULL,
    consequence INTEGER NOT NULL,
    level TEXT NOT NULL,
    owner_id BIGINT REFERENCES person(id),
    treatment TEXT,
    acceptance_reason TEXT,
    review_date TEXT,
    residual_likelihood INTEGER,
    residual_consequence INTEGER,
    residual_level TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_tenant_title ON risk (tenant_id, title, id);
CREATE INDEX risk_tenant_unit ON risk (tenant_id, unit_id);
CREATE INDEX risk_tenant_level ON risk (tenant_id, level, id);
CREATE INDEX risk_tenant_status ON risk (tenant_id, status, id);
CREATE INDEX risk_tenant_owner ON risk (tenant_id, owner_id);
CREATE INDEX risk_tenant_rating ON risk (tenant_id, likelihood, consequence);
CREATE INDEX risk_analysis_risks ON risk (tenant_id, analysis_id);

-- An action of the handlingsplan (MSB's fields). source_entity/source_id name the record
-- it was created from ("risks", "incidents", "answers"…); carried_from_id the action of
-- the year before it was carried over from.
CREATE TABLE action_item (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    title TEXT NOT NULL,
    goal TEXT,
    measure TEXT,
    priority TEXT,
    cost TEXT,
    responsible_id BIGINT REFERENCES person(id),
    start_date TEXT,
    end_date TEXT,
    status TEXT NOT NULL,
    progress TEXT,
    plan_year INTEGER NOT NULL,
    source_entity TEXT,
    source_id BIGINT,
    carried_from_id BIGINT REFERENCES action_item(id),
    carried_from_year INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX action_item_tenant_title ON action_item (tenant_id, title, id);
CREATE INDEX action_item_tenant_year ON action_item (tenant_id, plan_year, id);
CREATE INDEX action_item_tenant_unit ON action_item (tenant_id, unit_id);
CREATE INDEX action_item_tenant_status ON action_item (tenant_id, status, id);
CREATE INDEX action_item_source ON action_item (tenant_id, source_entity, source_id);
CREATE INDEX action_item_carried ON action_item (tenant_id, carried_from_id);

-- unit_id is the risk's, copied on write: it decides who may add or remove the link
CREATE TABLE risk_action (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    risk_id BIGINT NOT NULL REFERENCES risk(id),
    action_id BIGINT NOT NULL REFERENCES action_item(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, risk_id, action_id)
);
CREATE INDEX risk_action_tenant_id ON risk_action (tenant_id, id);
CREATE INDEX risk_action_action ON risk_action (tenant_id, action_id);

-- A decided plan: one per tenant and year. snapshot is the JSON of the year's actions
-- at the time of the decision, so later changes are shown against it.
CREATE TABLE plan_decision (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    plan_year INTEGER NOT NULL,
    decided_by_id BIGINT NOT NULL REFERENCES person(id),
    body TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    reference TEXT,
    snapshot TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (tenant_id, plan_year)
);
CREATE INDEX plan_decision_tenant_year ON plan_decision (tenant_id, plan_year, id);
CREATE INDEX action_item_tenant_source ON action_item (tenant_id, source_entity, source_id);
