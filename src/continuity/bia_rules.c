/* bia_rules.c - the rules of a BIA's impacts and of dependencies. An impact is a step of
 * the tenant's consequence scale (the risk matrix's, so that "4 – Katastrofal" means
 * the same in a risk and in a BIA), stated once per kind and point in time, and lives in
 * its plan's unit. A dependency has exactly one dependant (a process or a system) and
 * needs exactly one thing (a system, a supplier or premises); a system does not need
 * itself, and only a supplier has an SLA. It lives in the dependant's unit. */
#include "continuity.h"
#include "../core/util.h"
#include "../risks/risks.h"
#include <stdlib.h>
#include <string.h>

static const char *get(const entity *e, const record *rec, const char *name)
{
    return rec->values[entity_field(e, name)];
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

void bia_impact_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *p[] = {get(e, rec, "plan_id"), tenant_param(r)};
    const char *unit =
        p[0] ? db_scalar(r->db, r->a,
                         "SELECT unit_id FROM continuity_plan WHERE id = $1 AND tenant_id = $2", 2,
                         p)
             : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "plan_id"), TR_err_ref, NULL);
        return;
    }
    set(e, rec, "unit_id", unit);
    const char *level = get(e, rec, "level");
    if (level && atoll(level) > tenant_matrix(r).consequences)
        errors_add(errs, entity_field(e, "level"), TR_bia_err_level, NULL);
    const char *q[] = {tenant_param(r), p[0], get(e, rec, "kind"), get(e, rec, "after_hours"),
                       int_text(r->a, old ? old->id : 0)};
    if (q[2] && q[3] &&
        db_scalar(r->db, r->a,
                  "SELECT 1 FROM bia_impact WHERE tenant_id = $1 AND plan_id = $2 AND kind = $3 "
                  "AND after_hours = $4 AND id <> $5",
                  5, q))
        errors_add(errs, entity_field(e, "after_hours"), TR_bia_err_twice, NULL);
}

void dependency_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *process = get(e, rec, "process_id"), *system = get(e, rec, "system_id");
    const char *needs = get(e, rec, "needs_system_id"), *supplier = get(e, rec, "supplier");
    const char *premises = get(e, rec, "premises");
    if (!process == !system) {
        errors_add(errs, entity_field(e, "process_id"), TR_dep_err_dependant, NULL);
        return;
    }
    if ((needs != NULL) + !str_empty(supplier) + !str_empty(premises) != 1)
        errors_add(errs, entity_field(e, "needs_system_id"), TR_dep_err_needs, NULL);
    if (system && needs && !strcmp(system, needs))
        errors_add(errs, entity_field(e, "needs_system_id"), TR_dep_err_self, NULL);
    if (get(e, rec, "sla_restore_hours") && str_empty(supplier))
        errors_add(errs, entity_field(e, "sla_restore_hours"), TR_dep_err_sla, NULL);
    const char *p[] = {process ? process : system, tenant_param(r)};
    const char *unit =
        db_scalar(r->db, r->a,
                  process ? "SELECT unit_id FROM process WHERE id = $1 AND tenant_id = $2"
                          : "SELECT unit_id FROM system WHERE id = $1 AND tenant_id = $2",
                  2, p);
    if (!unit) {
        errors_add(errs, entity_field(e, process ? "process_id" : "system_id"), TR_err_ref, NULL);
        return;
    }
    set(e, rec, "unit_id", unit);
}
