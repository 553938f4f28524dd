/* entities.c - the tenant's own recurring duties, described once: what, how it recurs
 * (yearly on a month and day, or every N months from a first date), who owns it and which
 * unit it belongs to (none: the whole tenant). A unit's writers of styrdokument keep its
 * duties (the CISO all of them, a coordinator her förvaltning's); the owner keeps her own. */
#include "yearwheel.h"
#include <string.h>

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const enum_opt recurrences[] = {
    {"yearly", TR_yw_recur_yearly},
    {"months", TR_yw_recur_months},
    {NULL, 0},
};
static const enum_opt months[] = {
    {"1", TR_yw_month_1},
    {"2", TR_yw_month_2},
    {"3", TR_yw_month_3},
    {"4", TR_yw_month_4},
    {"5", TR_yw_month_5},
    {"6", TR_yw_month_6},
    {"7", TR_yw_month_7},
    {"8", TR_yw_month_8},
    {"9", TR_yw_month_9},
    {"10", TR_yw_month_10},
    {"11", TR_yw_month_11},
    {"12", TR_yw_month_12},
    {NULL, 0},
};

static const field duty_fields[] = {
    {"name", FT_TEXT, TR_yw_duty_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"recurrence", FT_ENUM, TR_yw_recurrence, LIST_FORM | F_FILTER | F_REQUIRED,
     .options = recurrences, .help = TR_yw_recurrence_help},
    {"month", FT_ENUM, TR_yw_month, LIST_FORM | F_FILTER, .options = months,
     .help = TR_yw_month_help},
    {"day", FT_INT, TR_yw_day, LIST_FORM, .min = 1, .max = 31},
    {"every_months", FT_INT, TR_yw_every_months, DETAIL_FORM, .min = 1, .max = 24,
     .help = TR_yw_every_months_help},
    {"starts_on", FT_DATE, TR_yw_starts_on, DETAIL_FORM, .help = TR_yw_starts_on_help},
    {"owner_id", FT_REF, TR_yw_owner_field, LIST_FORM | F_FILTER, .ref = "people"},
    {"unit_id", FT_REF, TR_yw_unit, LIST_FORM | F_FILTER, .ref = "units", .help = TR_yw_unit_help},
    {"description", FT_LONGTEXT, TR_yw_description, DETAIL_FORM | F_SEARCH, .max_len = 10000},
};

const entity entity_yearly_duties = {
    .name = "yearly_duties",
    .table = "yearly_duty",
    .label_one = TR_yw_duty_one,
    .label_many = TR_yw_duty_many,
    .fields = duty_fields,
    .nfields = sizeof duty_fields / sizeof duty_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .unit_field = "unit_id",
    .editor_field = "owner_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = yearly_duty_validate,
};

void yearly_duty_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r;
    (void)old;
    const char *problem = duty_rule_problem(
        record_get(rec, e, "recurrence"), record_get(rec, e, "month"), record_get(rec, e, "day"),
        record_get(rec, e, "every_months"), record_get(rec, e, "starts_on"));
    if (!problem) return;
    tr_key why = !strcmp(problem, "month")          ? TR_yw_err_month
                 : !strcmp(problem, "day")          ? TR_yw_err_day
                 : !strcmp(problem, "every_months") ? TR_yw_err_every_months
                                                    : TR_yw_err_starts_on;
    errors_add(errs, entity_field(e, problem), why, NULL);
}
