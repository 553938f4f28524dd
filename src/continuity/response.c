/* response.c - the kommun's readiness for a cyber incident (issue 24 point 4): the
 * incident response plan (roles, decision levels, when the krisledningsnämnd convenes,
 * how to communicate when e-mail does not work, where the paper copies are kept), its
 * contact tree with phone numbers, and the exercises that test it — their findings become
 * actions as a continuity test's do. The plan prints as a PDF to keep on paper, offline,
 * with the contact tree in calling order. Everyone in the kommun reads the plan; the
 * incident handlers write it; an exercise's findings name weaknesses and are read by
 * those who read risks. */
#include "continuity.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../pdf/pdf.h"
#include "../../build/views/response_plan_lead.h"
#include "../../build/views/response_readiness.h"
#include <stdlib.h>
#include <string.h>

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const field plan_fields[] = {
    {"name", FT_TEXT, TR_resp_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"owner_id", FT_REF, TR_resp_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"decided_on", FT_DATE, TR_resp_decided_on, LIST_FORM | F_SORT},
    {"decided_by", FT_TEXT, TR_resp_decided_by, DETAIL_FORM, .max_len = 200,
     .help = TR_resp_decided_by_help},
    {"roles", FT_LONGTEXT, TR_resp_roles, DETAIL_FORM, .max_len = 8000, .help = TR_resp_roles_help},
    {"decision_levels", FT_LONGTEXT, TR_resp_decision_levels, DETAIL_FORM, .max_len = 8000,
     .help = TR_resp_decision_levels_help},
    {"crisis_board", FT_LONGTEXT, TR_resp_crisis_board, DETAIL_FORM, .max_len = 4000,
     .help = TR_resp_crisis_board_help},
    {"communication", FT_LONGTEXT, TR_resp_communication, DETAIL_FORM, .max_len = 4000,
     .help = TR_resp_communication_help},
    {"paper_copies", FT_LONGTEXT, TR_resp_paper_copies, DETAIL_FORM, .max_len = 2000,
     .help = TR_resp_paper_copies_help},
    {"review_due", FT_DATE, TR_resp_review_due, LIST_FORM | F_SORT,
     .help = TR_resp_review_due_help},
};

const entity entity_response_plans = {
    .name = "response_plans",
    .table = "response_plan",
    .label_one = TR_resp_plans_one,
    .label_many = TR_resp_plans_many,
    .fields = plan_fields,
    .nfields = sizeof plan_fields / sizeof plan_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_INCIDENT_HANDLE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .small = true,
    .due = &(const due_date){"review_due"},
    .detail_lead = response_plan_lead,
    .related =
        (const related_list[]){
            {"response_contacts", "plan_id",
             (const char *const[]){"position", "role", "person_id", "name", "phone", "alt_phone",
                                   "called_by_id", NULL},
             true, TR_resp_contacts_many},
            {"response_exercises", "plan_id",
             (const char *const[]){"held_on", "kind", "result", "next_due", NULL}, true,
             TR_resp_exercises_many},
            {NULL},
        },
};

static const field contact_fields[] = {
    {"plan_id", FT_REF, TR_resp_plans_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "response_plans"},
    {"position", FT_INT, TR_resp_position, LIST_FORM | F_SORT | F_REQUIRED | F_NOT_NULL, .min = 1,
     .max = 999, .help = TR_resp_position_help},
    {"role", FT_TEXT, TR_resp_role, LIST_FORM | F_SEARCH | F_REQUIRED | F_NOT_NULL, .max_len = 200},
    {"person_id", FT_REF, TR_resp_person, LIST_FORM | F_FILTER, .ref = "people",
     .help = TR_resp_person_help},
    {"name", FT_TEXT, TR_resp_contact_name, LIST_FORM | F_SEARCH, .max_len = 200},
    {"phone", FT_TEXT, TR_resp_phone, LIST_FORM | F_REQUIRED | F_NOT_NULL, .max_len = 50},
    {"alt_phone", FT_TEXT, TR_resp_alt_phone, LIST_FORM, .max_len = 50},
    {"called_by_id", FT_REF, TR_resp_called_by, LIST_FORM, .ref = "response_contacts",
     .help = TR_resp_called_by_help},
};

const entity entity_response_contacts = {
    .name = "response_contacts",
    .table = "response_contact",
    .label_one = TR_resp_contacts_one,
    .label_many = TR_resp_contacts_many,
    .fields = contact_fields,
    .nfields = sizeof contact_fields / sizeof contact_fields[0],
    .title_sql = "t.role",
    .default_sort = "position",
    .read_action = ACT_READ,
    .write_action = ACT_INCIDENT_HANDLE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = response_contact_validate,
};

static const enum_opt exercise_kinds[] = {
    {"tabletop", TR_cont_kind_tabletop},
    {"technical", TR_cont_kind_technical},
    {"full", TR_cont_kind_full},
    {NULL, 0},
};

static const field exercise_fields[] = {
    {"plan_id", FT_REF, TR_resp_plans_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "response_plans"},
    {"held_on", FT_DATE, TR_resp_held_on, LIST_FORM | F_SORT | F_REQUIRED | F_NOT_NULL},
    {"kind", FT_ENUM, TR_cont_kind, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = exercise_kinds},
    {"unit_id", FT_REF, TR_resp_exercise_unit, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_resp_exercise_unit_help},
    {"scenario", FT_LONGTEXT, TR_resp_scenario, DETAIL_FORM | F_SEARCH, .max_len = 4000},
    {"result", FT_ENUM, TR_cont_result, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = continuity_results},
    {"findings", FT_LONGTEXT, TR_cont_findings, DETAIL_FORM, .max_len = 8000,
     .help = TR_cont_findings_help},
    {"next_due", FT_DATE, TR_resp_next_due, LIST_FORM | F_SORT},
};

const entity entity_response_exercises = {
    .name = "response_exercises",
    .table = "response_exercise",
    .label_one = TR_resp_exercises_one,
    .label_many = TR_resp_exercises_many,
    .fields = exercise_fields,
    .nfields = sizeof exercise_fields / sizeof exercise_fields[0],
    .title_sql = "t.held_on",
    .default_sort = "-held_on",
    /* what an exercise found ("ingen nådde IT-jouren på telefon") is a weakness */
    .read_action = ACT_RISK_READ,
    .write_action = ACT_INCIDENT_HANDLE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = response_exercise_validate,
    /* its findings → actions as a continuity test's: the same fields (result, findings,
     * unit_id) */
    .detail_extra = continuity_test_detail_extra,
    .due = &(const due_date){"next_due"},
};

/* A contact is called by another contact of the same plan, never by itself, and a name
 * or a person says who answers. */
void response_contact_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs)
{
    const char *by = record_get(rec, e, "called_by_id"), *plan = record_get(rec, e, "plan_id");
    if (str_empty(record_get(rec, e, "person_id")) && str_empty(record_get(rec, e, "name")))
        errors_add(errs, entity_field(e, "name"), TR_resp_err_who, NULL);
    if (!by) return;
    if (old && old->id == atoll(by)) {
        errors_add(errs, entity_field(e, "called_by_id"), TR_resp_err_self, NULL);
        return;
    }
    const char *p[] = {by, plan, tenant_param(r)};
    if (!db_scalar(r->db, r->a,
                   "SELECT 1 FROM response_contact WHERE id = $1 AND plan_id = $2 AND "
                   "tenant_id = $3",
                   3, p))
        errors_add(errs, entity_field(e, "called_by_id"), TR_resp_err_other_plan, NULL);
}

void response_exercise_validate(req *r, const entity *e, record *rec, const record *old,
                                errors *errs)
{
    (void)old;
    char today[11];
    date_today(today);
    (void)r;
    const char *held = record_get(rec, e, "held_on"), *next = record_get(rec, e, "next_due");
    if (held && strcmp(held, today) > 0)
        errors_add(errs, entity_field(e, "held_on"), TR_cont_err_future, NULL);
    if (held && next && strcmp(next, held) <= 0)
        errors_add(errs, entity_field(e, "next_due"), TR_resp_err_next_due, NULL);
}

/* The contacts of a plan in calling order: depth first from those nobody calls, each
 * level by position; depth[i] for the indentation. Contacts in a cycle (a calls b calls
 * a) are listed last at depth 0, so none is lost from the printed tree. */
static int contact_tree(req *r, int64_t plan, db_res **res, int **order, int **depth)
{
    const char *p[] = {int_text(r->a, plan), tenant_param(r)};
    if (db_query(r->db, r->a,
                 "SELECT c.id, c.called_by_id, c.role, COALESCE(pe.name, c.name), c.phone, "
                 "c.alt_phone, c.position FROM response_contact c LEFT JOIN person pe ON pe.id = "
                 "c.person_id AND pe.tenant_id = c.tenant_id WHERE c.plan_id = $1 AND "
                 "c.tenant_id = $2 ORDER BY c.position, c.id",
                 2, p, res) != DB_OK)
        return -1;
    int n = (*res)->nrows, k = 0;
    *order = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    *depth = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    bool *placed = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    int *stack = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1)),
        *sdepth = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    memset(placed, 0, sizeof(bool) * (size_t)(n + 1));
    for (int root = 0; root <= n; root++) {
        /* first the roots (called by nobody, or by someone not in the plan), then what a
         * cycle left over */
        int start = -1;
        if (root < n) {
            const char *by = db_cell(*res, root, 1);
            bool known = false;
            for (int j = 0; by && j < n; j++)
                known = known || !strcmp(db_cell(*res, j, 0), by);
            if (!known && !placed[root]) start = root;
        }
        if (start < 0) continue;
        int top = 0;
        stack[top] = start;
        sdepth[top++] = 0;
        while (top) {
            int i = stack[--top], d = sdepth[top];
            if (placed[i]) continue;
            placed[i] = true;
            (*order)[k] = i;
            (*depth)[k++] = d;
            /* children in reverse position order, so the first pops first */
            for (int j = n - 1; j >= 0; j--)
                if (!placed[j] && str_same(db_cell(*res, j, 1), db_cell(*res, i, 0))) {
                    stack[top] = j;
                    sdepth[top++] = d + 1;
                }
        }
    }
    for (int i = 0; i < n; i++)
        if (!placed[i]) {
            (*order)[k] = i;
            (*depth)[k++] = 0;
        }
    return n;
}

/* Above the plan's related lists: its age, the last exercise and the PDF to print. */
void response_plan_lead(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    const char *p[] = {int_text(r->a, rec->id), tenant_param(r)};
    /* a date, not what was found: every reader of the plan may see it */
    const char *last = db_scalar(r->db, r->a,
                                 "SELECT MAX(held_on) FROM response_exercise WHERE plan_id = $1 "
                                 "AND tenant_id = $2",
                                 2, p);
    view_response_plan_lead(out, r->lang, (long long)rec->id,
                            record_get(rec, &entity_response_plans, "decided_on"), last);
}

/* GET /response_plans/:id/plan.pdf: the plan to print and keep offline. */
void h_response_plan_pdf(req *r, resp *out)
{
    int64_t id;
    db_res *row = NULL;
    if (r->nroute_args < 1 || !parse_int64(r->route_args[0], &id) ||
        !perm_allows(r->auth, ACT_READ, NULL) ||
        entity_get(r, &entity_response_plans, id, &row) != DB_OK || row->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const entity *e = &entity_response_plans;
    record *rec = record_from_row(r, e, row, 0);
    db_res *contacts = NULL;
    int *order, *depth;
    int n = contact_tree(r, id, &contacts, &order, &depth);
    if (n < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *name = record_get(rec, e, "name");
    pdf_doc *d = pdf_begin(r->a, arena_printf(r->a, "%s — %s", name, r->auth->tenant_name));
    pdf_heading(d, 1, name);
    pdf_paragraph(d, r->auth->tenant_name);
    static const struct {
        const char *field;
        tr_key label;
    } meta[] = {{"decided_on", TR_resp_decided_on},
                {"decided_by", TR_resp_decided_by},
                {"review_due", TR_resp_review_due}};
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (!str_empty(record_get(rec, e, meta[i].field)))
            pdf_meta(d, tr(r->lang, meta[i].label), record_get(rec, e, meta[i].field));
    pdf_paragraph(d, tr(r->lang, TR_resp_pdf_offline));
    pdf_heading(d, 2, tr(r->lang, TR_resp_contacts_many));
    const char *head[] = {tr(r->lang, TR_resp_role), tr(r->lang, TR_resp_contact_name),
                          tr(r->lang, TR_resp_phone), tr(r->lang, TR_resp_alt_phone)};
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)(n * 4 + 1));
    for (int k = 0; k < n; k++) {
        int i = order[k];
        /* the calling order as indentation: who calls whom */
        buf role;
        buf_init(&role, 1024);
        for (int dd = 0; dd < depth[k] && dd < 8; dd++)
            buf_puts(&role, "→ ");
        buf_puts(&role, db_cell(contacts, i, 2));
        cells[k * 4] = arena_strdup(r->a, buf_str(&role));
        buf_free(&role);
        cells[k * 4 + 1] = db_cell(contacts, i, 3);
        cells[k * 4 + 2] = db_cell(contacts, i, 4);
        cells[k * 4 + 3] = db_cell(contacts, i, 5);
    }
    if (n)
        pdf_table(d, 4, head, cells, n, (const double[]){0.34, 0.28, 0.19, 0.19});
    else
        pdf_paragraph(d, tr(r->lang, TR_resp_no_contacts));
    static const struct {
        const char *field;
        tr_key label;
    } sections[] = {{"roles", TR_resp_roles},
                    {"decision_levels", TR_resp_decision_levels},
                    {"crisis_board", TR_resp_crisis_board},
                    {"communication", TR_resp_communication},
                    {"paper_copies", TR_resp_paper_copies}};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        const char *text = record_get(rec, e, sections[i].field);
        if (str_empty(text)) continue;
        pdf_heading(d, 2, tr(r->lang, sections[i].label));
        pdf_paragraph(d, text);
    }
    if (!entity_audit_read(r, e, id, "pdf")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    pdf_respond(r, out, d, "incidentplan");
}

void continuity_response_items(req *r, buf *out)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT p.id, p.name, p.decided_on, (SELECT MAX(x.held_on) FROM "
                 "response_exercise x WHERE x.plan_id = p.id AND x.tenant_id = p.tenant_id), "
                 "p.review_due FROM response_plan p WHERE p.tenant_id = $1 ORDER BY p.name, p.id "
                 "LIMIT 20",
                 1, p, &res) != DB_OK)
        return;
    char today[11];
    date_today(today);
    view_response_readiness(out, r->lang, res, today);
}
