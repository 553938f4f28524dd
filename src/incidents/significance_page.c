/* significance_page.c - the significance questions on an incident: the thresholds the
 * CISO keeps (a kind of record; lis's defaults, marked as not verified, until the tenant
 * saves its own), the panel beside the handler's answer (each answer against its
 * threshold, lis's suggestion, a notice where the answer given differs), and the reason
 * written from the answers when the handler gives none, so the answers are kept as it. */
#include "incidents.h"
#include "significance.h"
#include "../core/util.h"
#include "../../build/views/incident_significance.h"
#include <stdlib.h>
#include <string.h>

static const tr_key labels[SIG__COUNT] = {
    [SIG_RESTRICTED_HOURS] = TR_inc_sig_restricted_hours,
    [SIG_MANUAL_HOURS] = TR_inc_sig_manual_hours,
    [SIG_PEOPLE] = TR_inc_sig_people,
    [SIG_COST_PERCENT] = TR_inc_sig_cost_percent,
};

static const enum_opt criteria[] = {
    {"restricted_hours", TR_inc_sig_restricted_hours},
    {"manual_hours", TR_inc_sig_manual_hours},
    {"people", TR_inc_sig_people},
    {"cost_percent", TR_inc_sig_cost_percent},
    {NULL, 0},
};

static const enum_opt verified_answers[] = {
    {"no", TR_inc_sig_not_verified},
    {"yes", TR_inc_sig_verified},
    {NULL, 0},
};

static const field threshold_fields[] = {
    {"criterion", FT_ENUM, TR_inc_sig_criterion_label,
     F_LIST | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT | F_FILTER | F_NOT_NULL,
     .options = criteria},
    {"threshold", FT_INT, TR_inc_sig_threshold,
     F_LIST | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL, .min = 0, .max = 100000000000},
    {"verified", FT_ENUM, TR_inc_sig_verified_q,
     F_LIST | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL, .options = verified_answers,
     .help = TR_inc_sig_verified_help},
    {"source", FT_TEXT, TR_inc_sig_source, F_LIST | F_FORM | F_EXPORT, .max_len = 300},
};

const entity entity_significance_thresholds = {
    .name = "significance_thresholds",
    .table = "significance_threshold",
    .label_one = TR_inc_sig_thresholds_one,
    .label_many = TR_inc_sig_thresholds_many,
    .fields = threshold_fields,
    .nfields = sizeof threshold_fields / sizeof threshold_fields[0],
    .title_sql = "t.criterion",
    .default_sort = "criterion",
    .read_action = ACT_INCIDENT_HANDLE,
    .write_action = ACT_INCIDENT_HANDLE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true, /* back to lis's default */
    .has_updated_at = true,
    .validate = significance_threshold_validate,
};

void significance_threshold_validate(req *r, const entity *e, record *rec, const record *old,
                                     errors *errs)
{
    /* the thresholds are the CISO's to keep, as the recipients are */
    if (!perm_has_role(r->auth, ROLE_CISO)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return;
    }
    const char *criterion = record_get(rec, e, "criterion");
    const char *p[] = {tenant_param(r), criterion, int_text(r->a, old ? old->id : 0)};
    if (criterion && db_scalar(r->db, r->a,
                               "SELECT 1 FROM significance_threshold WHERE tenant_id = $1 AND "
                               "criterion = $2 AND id <> $3",
                               3, p))
        errors_add(errs, entity_field(e, "criterion"), TR_inc_sig_err_twice, NULL);
}

/* The tenant's thresholds over lis's defaults, and the answers of the record. */
static void load_rows(req *r, const entity *e, const record *rec, sig_row rows[SIG__COUNT])
{
    for (int i = 0; i < SIG__COUNT; i++) {
        const char *v = record_get(rec, e, sig_rules[i].field);
        rows[i] = (sig_row){.label = labels[i],
                            .code = sig_rules[i].code,
                            .answer = v && *v ? atoll(v) : -1,
                            .threshold = sig_rules[i].default_threshold};
    }
    db_res *res = NULL;
    const char *p[] = {tenant_param(r)};
    if (db_query(r->db, r->a,
                 "SELECT criterion, threshold, verified, id FROM significance_threshold WHERE "
                 "tenant_id = $1",
                 1, p, &res) != DB_OK)
        return;
    for (int i = 0; i < res->nrows; i++) {
        int k = sig_from_code(db_cell(res, i, 0));
        if (k < 0) continue;
        rows[k].threshold = db_cell_int(res, i, 1);
        rows[k].verified = str_same(db_cell(res, i, 2), "yes");
        rows[k].threshold_id = db_cell_int(res, i, 3);
    }
}

static sig_suggestion suggest(sig_row rows[SIG__COUNT])
{
    long long value[SIG__COUNT], threshold[SIG__COUNT];
    bool met[SIG__COUNT];
    for (int i = 0; i < SIG__COUNT; i++) {
        value[i] = rows[i].answer;
        threshold[i] = rows[i].threshold;
    }
    sig_suggestion s = sig_suggest(value, threshold, met);
    for (int i = 0; i < SIG__COUNT; i++)
        rows[i].met = met[i];
    return s;
}

void incident_significance_panel(req *r, const record *rec, buf *out)
{
    sig_row rows[SIG__COUNT];
    load_rows(r, &entity_incidents, rec, rows);
    sig_suggestion s = suggest(rows);
    const char *answer = record_get(rec, &entity_incidents, "significant");
    /* the handler's answer differs from a definite suggestion */
    bool differs = (s == SIG_SUGGEST_YES && str_same(answer, "no")) ||
                   (s == SIG_SUGGEST_NO && str_same(answer, "yes"));
    view_incident_significance(out, r->lang, (long long)rec->id, rows, SIG__COUNT, (int)s, differs,
                               perm_has_role(r->auth, ROLE_CISO));
}

const char *incident_significance_reason(req *r, const entity *e, const record *rec)
{
    sig_row rows[SIG__COUNT];
    load_rows(r, e, rec, rows);
    sig_suggestion s = suggest(rows);
    bool any = false;
    buf b;
    buf_init(&b, 4096);
    buf_puts(&b, tr(r->lang, TR_inc_sig_reason_intro));
    for (int i = 0; i < SIG__COUNT; i++) {
        if (rows[i].answer < 0) continue;
        buf_printf(&b, "%s %s: %lld (%s %lld%s, %s)", any ? ";" : "", tr(r->lang, rows[i].label),
                   rows[i].answer, tr(r->lang, TR_inc_sig_threshold), rows[i].threshold,
                   rows[i].verified ? "" : tr(r->lang, TR_inc_sig_unverified_mark),
                   tr(r->lang, rows[i].met ? TR_inc_sig_reached : TR_inc_sig_not_reached));
        any = true;
    }
    static const tr_key verdicts[] = {[SIG_SUGGEST_UNKNOWN] = TR_inc_sig_suggest_unknown,
                                      [SIG_SUGGEST_YES] = TR_inc_sig_suggest_yes,
                                      [SIG_SUGGEST_NO] = TR_inc_sig_suggest_no};
    buf_printf(&b, ". %s", tr(r->lang, verdicts[s]));
    const char *text = any && !buf_failed(&b) ? arena_strdup(r->a, buf_str(&b)) : NULL;
    buf_free(&b);
    return text;
}
