/* rules.c - a shipped requirement's content is lis's: only whether it is used (and why
 * not) is the tenant's; switching one off takes a reason. An answer belongs to its
 * object's unit and must concern a requirement that applies to the object. */
#include "requirements.h"
#include "../classification/classification.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

bool requirement_applies(const char *aspect, int min_level, const int need[4])
{
    static const char order[] = "KRTS";
    if (!aspect) return false;
    if (!strcmp(aspect, "*")) {
        for (int a = 0; a < 4; a++)
            if (need[a] >= 0) return true;
        return false;
    }
    const char *at = aspect[0] && !aspect[1] ? strchr(order, aspect[0]) : NULL;
    return at && need[at - order] >= min_level;
}

int share_met_percent(int applicable, int met, int na)
{
    int base = applicable - na;
    return base > 0 ? (met * 100 + base / 2) / base : 0;
}

void requirement_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int source_i = entity_field(e, "source"), code_i = entity_field(e, "code");
    if (!old) {
        rec->values[source_i] = "own";
        rec->present[source_i] = true;
    } else if (!strcmp(old->values[source_i], "lis")) {
        for (int i = 0; i < e->nfields; i++) {
            const char *name = e->fields[i].name;
            if (!strcmp(name, "active") || !strcmp(name, "disabled_reason")) continue;
            if (rec->present[i] && !str_same(rec->values[i], old->values[i])) {
                errors_add(errs, i, TR_req_shipped_fixed, NULL);
                return;
            }
        }
    }
    const char *active = record_get(rec, e, "active");
    int reason_i = entity_field(e, "disabled_reason");
    if (active && !strcmp(active, "0") && str_empty(rec->values[reason_i]))
        errors_add(errs, reason_i, TR_req_reason_required, NULL);
    const char *p[] = {tenant_param(r), rec->values[code_i], int_text(r->a, (old ? old->id : 0))};
    if (rec->values[code_i] &&
        db_scalar(r->db, r->a,
                  "SELECT 1 FROM requirement WHERE tenant_id = $1 AND lower(code) = lower($2) AND "
                  "id <> $3",
                  3, p))
        errors_add(errs, code_i, TR_req_code_taken, NULL);
}

void answer_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (old) return; /* object and requirement are fixed once created */
    int obj_i = entity_field(e, "object_id"), req_i = entity_field(e, "requirement_id");
    const char *tenant = tenant_param(r);
    const char *po[] = {rec->values[obj_i], tenant};
    const char *unit = db_scalar(
        r->db, r->a, "SELECT unit_id FROM managed_object WHERE id = $1 AND tenant_id = $2", 2, po);
    const char *pr[] = {rec->values[req_i], tenant};
    db_res *q = NULL;
    if (!unit ||
        db_query(r->db, r->a,
                 "SELECT aspect, min_level, org_wide FROM requirement WHERE id = $1 AND "
                 "tenant_id = $2 AND active = 1",
                 2, pr, &q) != DB_OK ||
        !q->nrows) {
        errors_add(errs, unit ? req_i : obj_i, TR_err_ref, NULL);
        return;
    }
    if (atoi(db_cell(q, 0, 2)) == 1) { /* answered once for the tenant (org.c) */
        errors_add(errs, req_i, TR_ans_org_wide, NULL);
        return;
    }
    int need[4];
    if (!need_of_object(r, atoll(rec->values[obj_i]), need) ||
        !requirement_applies(db_cell(q, 0, 0), atoi(db_cell(q, 0, 1)), need)) {
        errors_add(errs, req_i, TR_ans_not_applicable_req, NULL);
        return;
    }
    rec->values[entity_field(e, "unit_id")] = unit;
    rec->present[entity_field(e, "unit_id")] = true;
}
