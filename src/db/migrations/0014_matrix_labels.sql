-- A tenant's own words for its risk matrix: the name of each likelihood and consequence
-- step (kept with the axis size it was written for, so a size change falls back to the
-- defaults on an axis whose size changed), and the name and colour of each level.
CREATE TABLE risk_matrix_label (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    axis TEXT NOT NULL,
    step INTEGER NOT NULL,
    size INTEGER NOT NULL,
    label TEXT NOT NULL,
    colour TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, axis, step)
);
