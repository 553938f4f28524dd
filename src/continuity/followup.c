/* followup.c - what a continuity test leads to: a restore test or exercise that failed or
 * partly failed gets a "create action" button per finding, opening the action form
 * prefilled with the finding, the plan's unit and the test as origin (the URL contract
 * of actions.h); the test's page lists the actions made from it. And the start page card
 * that flags plans whose test is overdue or that were never tested. */
#include "continuity.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/origin.h"
#include "../../build/views/continuity_card.h"
#include "../../build/views/continuity_findings.h"
#include <stdlib.h>
#include <string.h>

enum { MAX_FINDINGS = 30 };

static const char *val(const entity *e, const record *rec, const char *name)
{
    return record_get(rec, e, name);
}

void continuity_test_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    const char *result = val(e, rec, "result"), *findings = val(e, rec, "findings");
    bool failed = result && (!strcmp(result, "failed") || !strcmp(result, "partial"));
    const char *items[MAX_FINDINGS];
    int n =
        failed && !str_empty(findings) ? origin_text_items(r->a, findings, items, MAX_FINDINGS) : 0;
    if (n) {
        const char *unit = val(e, rec, "unit_id");
        bool may = perm_allows(r->auth, ACT_RISK_WRITE, unit_path_of(r, unit));
        view_continuity_findings(out, r->lang, r, e, (long long)rec->id, unit, items, n, may);
    }
    origin_made_from(r, e, rec->id, TR_cont_made_from, out);
}

int continuity_overdue(req *r)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today};
    /* plans whose latest test (by date) is due before today, or that have none: of those
     * whose tests the reader may read (need-to-know) */
    const char *n = db_scalar(
        r->db, r->a,
        arena_printf(r->a,
                     "SELECT COUNT(*) FROM continuity_plan c LEFT JOIN continuity_test t ON t.id = "
                     "(SELECT x.id FROM continuity_test x WHERE x.plan_id = c.id AND x.tenant_id "
                     "= c.tenant_id ORDER BY x.tested_on DESC, x.id DESC LIMIT 1) WHERE "
                     "c.tenant_id = $1 AND (t.next_due IS NULL OR t.next_due < $2)%s",
                     entity_parent_read_scope(r, &entity_continuity_tests, "c")),
        2, p);
    return n ? atoi(n) : -1;
}

void continuity_home_card(req *r, buf *out)
{
    int n = continuity_overdue(r);
    if (n <= 0) return;
    view_continuity_card(out, r->lang, n);
}
