/* national.c - the national/regional view (issue 19 point 6). A tenant's administrator
 * records whether the tenant takes part (national_optins: one row a tenant, with the
 * county and size class it is counted under, and who decided when); a body that serves
 * many tenants (SKR, a county, a kommunalförbund) holds the role national_viewer in its own
 * tenant and reads, over every tenant that opted in, the maturity profile per SKR area —
 * the share answering yes and the levels — for the country, per county and per size class,
 * beside the 2019 shares. Aggregates only: a cell of fewer than five tenants is not shown,
 * nor a cell that would reveal one (national_rules.c), and each read is audited. The viewer
 * reads no tenant's records: the role grants nothing but this view. */
#include "followup.h"
#include "maturity_areas.h"
#include "national_rules.h"
#include "audit_pack.h"
#include "list_figure.h"
#include "../awareness/awareness.h"
#include "../dashboard/figures.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/national_page.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define SHOWN (F_LIST | F_DETAIL | F_EXPORT)

const enum_opt national_county_options[] = {
    {"01", TR_nat_county_01}, {"03", TR_nat_county_03},
    {"04", TR_nat_county_04}, {"05", TR_nat_county_05},
    {"06", TR_nat_county_06}, {"07", TR_nat_county_07},
    {"08", TR_nat_county_08}, {"09", TR_nat_county_09},
    {"10", TR_nat_county_10}, {"12", TR_nat_county_12},
    {"13", TR_nat_county_13}, {"14", TR_nat_county_14},
    {"17", TR_nat_county_17}, {"18", TR_nat_county_18},
    {"19", TR_nat_county_19}, {"20", TR_nat_county_20},
    {"21", TR_nat_county_21}, {"22", TR_nat_county_22},
    {"23", TR_nat_county_23}, {"24", TR_nat_county_24},
    {"25", TR_nat_county_25}, {NULL, 0},
};

/* Population bands (the data has no population: the tenant states its band) */
const enum_opt national_size_options[] = {
    {"under_15k", TR_nat_size_under_15k},
    {"15k_50k", TR_nat_size_15k_50k},
    {"50k_200k", TR_nat_size_50k_200k},
    {"over_200k", TR_nat_size_over_200k},
    {NULL, 0},
};

static void optin_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *p[] = {tenant_param(r), int_text(r->a, old ? old->id : 0)};
    if (db_scalar(r->db, r->a,
                  "SELECT id FROM national_optin WHERE tenant_id = $1 AND id <> CAST($2 AS BIGINT)",
                  2, p))
        errors_add(errs, -1, TR_nat_err_one, NULL);
    const char *now = record_get(rec, e, "opted_in");
    const char *before = old ? record_get(old, e, "opted_in") : NULL;
    bool in = now && !strcmp(now, "1"), was = before && !strcmp(before, "1");
    if (!old || in != was) {
        /* who decided and when: the consent's own record, beside the audit log's */
        char today[11];
        date_today(today);
        int by = entity_field(e, "decided_by"), on = entity_field(e, "decided_on");
        rec->values[by] = r->auth->person_name ? r->auth->person_name : r->auth->email;
        rec->values[on] = arena_strdup(r->a, today);
        rec->present[by] = rec->present[on] = true;
    }
}

/* A kommun's code names its county: 0180 is in 01 */
static void optin_defaults(req *r, const entity *e, record *rec)
{
    const char *p[] = {tenant_param(r)};
    const char *code = db_scalar(r->db, r->a, "SELECT code FROM tenant WHERE id = $1", 1, p);
    if (!code || strlen(code) != 4 || strspn(code, "0123456789") != 4) return;
    const char *county = arena_strndup(r->a, code, 2);
    for (const enum_opt *o = national_county_options; o->value; o++)
        if (!strcmp(o->value, county)) record_set(rec, e, "county_code", county);
}

static const field optin_fields[] = {
    {"opted_in", FT_BOOL, TR_nat_opted_in, LIST_FORM | F_FILTER, .help = TR_nat_opted_in_help},
    {"county_code", FT_ENUM, TR_nat_county, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = national_county_options},
    {"size_class", FT_ENUM, TR_nat_size, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = national_size_options, .help = TR_nat_size_help},
    {"decided_by", FT_TEXT, TR_nat_decided_by, SHOWN},
    {"decided_on", FT_DATE, TR_nat_decided_on, SHOWN},
};

const entity entity_national_optins = {
    .name = "national_optins",
    .table = "national_optin",
    .label_one = TR_nat_optin_one,
    .label_many = TR_nat_optin_many,
    .fields = optin_fields,
    .nfields = sizeof optin_fields / sizeof optin_fields[0],
    .title_sql = "t.county_code",
    .default_sort = "county_code",
    .read_action = ACT_READ,
    .write_action = ACT_TENANT_ADMIN,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = optin_validate,
    .form_defaults = optin_defaults,
};

/* ---- the aggregate ---------------------------------------------------------------- */

enum { NCOUNTIES = 21, NSIZES = 4 };

static int county_index(const char *code)
{
    for (int i = 0; code && i < NCOUNTIES; i++)
        if (!strcmp(national_county_options[i].value, code)) return i;
    return -1;
}

static int size_index(const char *code)
{
    for (int i = 0; code && i < NSIZES; i++)
        if (!strcmp(national_size_options[i].value, code)) return i;
    return -1;
}

static void add_to(national_cell *c, int area, int answered, int yes, const int *levels)
{
    c->area[area].answered += answered;
    c->area[area].yes += yes;
    for (int l = 0; l < MATURITY_LEVELS; l++)
        c->area[area].levels[l] += levels[l];
}

static void set_shares(national_cell *c)
{
    for (int a = 0; a < MATURITY_AREAS; a++) {
        national_area *x = &c->area[a];
        x->yes_permille = x->answered ? (x->yes * 1000 + x->answered / 2) / x->answered : -1;
        int past1 = x->levels[1] + x->levels[2] + x->levels[3];
        x->past1_permille = x->answered ? (past1 * 1000 + x->answered / 2) / x->answered : -1;
    }
}

/* The view of the year over every tenant that opted in: one SQL over all tenants, grouped
 * by county, size class and area; the cells summed here and suppressed by the rule. */
/* The view is the same for every reader (aggregates over every tenant that opted in), so
 * it is kept per year until any tenant changes anything: the sum of all tenants' write
 * generations (migration 0045, raised with every audited change: an answer, an opt-in),
 * read from the database on each request, so another lis process's change is seen at
 * once. One view, for the year last asked. */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    bool valid;
    int year;
    long long generation;
    national_view v;
} kept;

static bool count_view(req *r, int year, national_view *v);

bool national_load(req *r, int year, national_view *v)
{
    const char *sum = db_scalar(
        r->db, r->a, "SELECT CAST(COALESCE(SUM(n), 0) AS TEXT) FROM write_generation", 0, NULL);
    long long gen = sum ? atoll(sum) : -1;
    bool found = false;
    pthread_mutex_lock(&kept_lock);
    if (gen >= 0 && kept.valid && kept.year == year && kept.generation == gen) {
        *v = kept.v;
        found = true;
    }
    pthread_mutex_unlock(&kept_lock);
    if (found) return true;
    if (!count_view(r, year, v)) return false;
    if (gen >= 0) {
        pthread_mutex_lock(&kept_lock);
        kept.valid = true;
        kept.year = year;
        kept.generation = gen;
        kept.v = *v;
        pthread_mutex_unlock(&kept_lock);
    }
    return true;
}

/* The key shares' table: the audit pack's figure each counts per tenant (a list with its
 * filters: the same rows the tenant's own auditor opens), or the lägesbild's tally of legal
 * deadlines met (NK_DEADLINES, no list). NK_CLASSIFIED reads two figures. */
const national_key_info national_keys[NK__COUNT] = {
    [NK_POLICY] = {"policy", TR_nat_key_policy},
    [NK_PLAN] = {"plan_decided", TR_nat_key_plan},
    [NK_CLASSIFIED] = {"classified_80", TR_nat_key_classified},
    [NK_RESTORE] = {"restore_tested", TR_nat_key_restore},
    [NK_AUDIT] = {"internal_audit", TR_nat_key_audit},
    [NK_DEADLINES] = {"deadlines_met", TR_nat_key_deadlines},
    [NK_TRAINED] = {"staff_trained", TR_nat_key_trained},
};

enum { FIG_POLICY, FIG_PLAN, FIG_CLASSIFIED, FIG_UNCLASSIFIED, FIG_RESTORE, FIG_AUDIT, FIGS };
static const char *const figure_keys[FIGS] = {
    "policies",           "plan_decided", "assets_classified", "assets_unclassified",
    "restore_tests_year", "audits_year",
};
#define OPTED_IN "SELECT o.tenant_id FROM national_optin o WHERE o.opted_in = 1"

/* One tenant that counts: its cells and its figures. */
typedef struct counted {
    int64_t id;
    int county, size;
    int fig[FIGS];
    int met, late;
    int people, trained;
} counted;

static int by_id(const void *k, const void *x)
{
    int64_t a = *(const int64_t *)k, b = ((const counted *)x)->id;
    return a < b ? -1 : a > b;
}

static void add_share(national_share *s, int count, int base, bool tenant)
{
    s->count += count;
    s->base += base;
    s->base_tenants += tenant;
}

/* One tenant's key shares into a cell. */
static void add_keys(national_cell *c, const counted *t)
{
    add_share(&c->keys[NK_POLICY], t->fig[FIG_POLICY] > 0, 1, true);
    add_share(&c->keys[NK_PLAN], t->fig[FIG_PLAN] > 0, 1, true);
    add_share(&c->keys[NK_CLASSIFIED],
              national_coverage_reached(t->fig[FIG_CLASSIFIED],
                                        t->fig[FIG_CLASSIFIED] + t->fig[FIG_UNCLASSIFIED]),
              1, true);
    add_share(&c->keys[NK_RESTORE], t->fig[FIG_RESTORE] > 0, 1, true);
    add_share(&c->keys[NK_AUDIT], t->fig[FIG_AUDIT] > 0, 1, true);
    add_share(&c->keys[NK_DEADLINES], t->met, t->met + t->late, t->met + t->late > 0);
    add_share(&c->keys[NK_TRAINED], t->trained, t->people, t->people > 0);
}

/* Each tenant's figures, one query per figure over every tenant that opted in. */
static bool count_keys(req *r, counted *t, int n)
{
    list_dates d;
    if (!list_dates_now(&d)) return false;
    for (int f = 0; f < FIGS; f++) {
        const ap_figure *fig = audit_pack_figure(figure_keys[f]);
        db_res *rows = NULL;
        if (!fig || !list_figure_count_by_tenant(r, &d, fig->entity, fig->query, OPTED_IN, &rows))
            return false;
        for (int i = 0; i < rows->nrows; i++) {
            int64_t id = db_cell_int(rows, i, 0);
            counted *x = bsearch(&id, t, (size_t)n, sizeof *t, by_id);
            if (x) x->fig[f] = (int)db_cell_int(rows, i, 1);
        }
    }
    dash_tenant_deadlines *dl = NULL;
    int ndl = 0;
    if (!dash_deadlines_by_tenant(r->db, r->a, OPTED_IN, arena_printf(r->a, "%.4s-01-01", d.today),
                                  &dl, &ndl))
        return false;
    for (int i = 0; i < ndl; i++) {
        counted *x = bsearch(&dl[i].tenant, t, (size_t)n, sizeof *t, by_id);
        if (x) x->met = dl[i].met, x->late = dl[i].late;
    }
    db_res *trained = NULL;
    if (awareness_trained_by_tenant(r->db, r->a, OPTED_IN, &trained) != DB_OK) return false;
    for (int i = 0; i < trained->nrows; i++) {
        int64_t id = db_cell_int(trained, i, 0);
        counted *x = bsearch(&id, t, (size_t)n, sizeof *t, by_id);
        if (x)
            x->people = (int)db_cell_int(trained, i, 1),
            x->trained = (int)db_cell_int(trained, i, 2);
    }
    return true;
}

/* The shares of a breakdown's cells (the total alone, or the counties, or the size classes):
 * shown in a shown cell over five tenants or more; the pooled ones (the deadlines, over the
 * tenants that had one; the staff trained, over the tenants with staff in lis) suppressed
 * across the breakdown as cells are (national_suppress). */
static void set_key_shares(national_cell *cells, int n)
{
    static const national_key pooled[] = {NK_DEADLINES, NK_TRAINED};
    cell_state states[2][NCOUNTIES] = {{0}};
    for (int p = 0; p < 2; p++) {
        int counts[NCOUNTIES] = {0};
        for (int i = 0; i < n; i++)
            counts[i] = cells[i].keys[pooled[p]].base_tenants;
        national_suppress(counts, n, states[p]);
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < NK__COUNT; k++) {
            national_share *s = &cells[i].keys[k];
            s->state = k == NK_DEADLINES ? states[0][i]
                       : k == NK_TRAINED ? states[1][i]
                                         : CELL_SHOWN;
            s->permille = s->state == CELL_SHOWN
                              ? national_share_permille(s->count, s->base, s->base_tenants)
                              : -1;
            if (s->permille < 0) { /* what is hidden is hidden whole */
                cell_state keep = s->state == CELL_SHOWN ? CELL_FEW : s->state;
                memset(s, 0, sizeof *s);
                s->state = keep;
                s->permille = -1;
            }
        }
}

static bool count_view(req *r, int year, national_view *v)
{
    memset(v, 0, sizeof *v);
    v->year = year;
    char today[11];
    date_today(today);
    v->keys = year == atoi(today);
    const char *p[] = {int_text(r->a, year)};
    db_res *tenants = NULL, *areas = NULL;
    if (db_query(r->db, r->a,
                 "SELECT o.tenant_id, o.county_code, o.size_class FROM national_optin o WHERE "
                 "o.opted_in = 1 AND EXISTS (SELECT 1 FROM maturity_answer a WHERE a.tenant_id = "
                 "o.tenant_id AND a.year = CAST($1 AS BIGINT)) ORDER BY o.tenant_id",
                 1, p, &tenants) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT o.county_code, o.size_class, a.area, COUNT(*), SUM(CASE WHEN "
                 "a.answered_yes = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN a.answered_yes = 1 AND "
                 "a.level = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN a.answered_yes = 1 AND a.level "
                 "= 2 THEN 1 ELSE 0 END), SUM(CASE WHEN a.answered_yes = 1 AND a.level = 3 "
                 "THEN 1 ELSE 0 END), SUM(CASE WHEN a.answered_yes = 1 AND a.level = 4 THEN 1 "
                 "ELSE 0 END) FROM national_optin o JOIN maturity_answer a ON a.tenant_id = "
                 "o.tenant_id AND a.year = CAST($1 AS BIGINT) WHERE o.opted_in = 1 AND "
                 "a.answered_yes IS NOT NULL GROUP BY o.county_code, o.size_class, a.area",
                 1, p, &areas) != DB_OK)
        return false;
    int n = tenants->nrows;
    counted *t = arena_alloc(r->a, sizeof *t * (size_t)(n + 1));
    memset(t, 0, sizeof *t * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        t[i].id = db_cell_int(tenants, i, 0);
        t[i].county = county_index(db_cell(tenants, i, 1));
        t[i].size = size_index(db_cell(tenants, i, 2));
        v->total.tenants++;
        if (t[i].county >= 0) v->county[t[i].county].tenants++;
        if (t[i].size >= 0) v->size[t[i].size].tenants++;
    }
    if (v->keys && n > 0) {
        if (!count_keys(r, t, n)) return false;
        for (int i = 0; i < n; i++) {
            add_keys(&v->total, &t[i]);
            if (t[i].county >= 0) add_keys(&v->county[t[i].county], &t[i]);
            if (t[i].size >= 0) add_keys(&v->size[t[i].size], &t[i]);
        }
    }
    for (int i = 0; i < areas->nrows; i++) {
        int c = county_index(db_cell(areas, i, 0)), s = size_index(db_cell(areas, i, 1));
        const maturity_area *m = maturity_area_of(db_cell(areas, i, 2));
        if (!m) continue;
        int area = (int)(m - maturity_areas), levels[MATURITY_LEVELS];
        for (int l = 0; l < MATURITY_LEVELS; l++)
            levels[l] = (int)db_cell_int(areas, i, 5 + l);
        int answered = (int)db_cell_int(areas, i, 3), yes = (int)db_cell_int(areas, i, 4);
        add_to(&v->total, area, answered, yes, levels);
        if (c >= 0) add_to(&v->county[c], area, answered, yes, levels);
        if (s >= 0) add_to(&v->size[s], area, answered, yes, levels);
    }
    set_shares(&v->total);
    set_key_shares(&v->total, 1);
    set_key_shares(v->county, NCOUNTIES);
    set_key_shares(v->size, NSIZES);
    v->total.state = v->total.tenants <= 0                     ? CELL_EMPTY
                     : national_cell_visible(v->total.tenants) ? CELL_SHOWN
                                                               : CELL_FEW;
    int counts[NCOUNTIES > NSIZES ? NCOUNTIES : NSIZES];
    cell_state states[NCOUNTIES > NSIZES ? NCOUNTIES : NSIZES];
    for (int i = 0; i < NCOUNTIES; i++)
        counts[i] = v->county[i].tenants, set_shares(&v->county[i]);
    national_suppress(counts, NCOUNTIES, states);
    for (int i = 0; i < NCOUNTIES; i++)
        v->county[i].state = v->total.state == CELL_SHOWN ? states[i] : CELL_FEW;
    for (int i = 0; i < NSIZES; i++)
        counts[i] = v->size[i].tenants, set_shares(&v->size[i]);
    national_suppress(counts, NSIZES, states);
    for (int i = 0; i < NSIZES; i++)
        v->size[i].state = v->total.state == CELL_SHOWN ? states[i] : CELL_FEW;
    /* what is hidden is hidden whole: no figure of it leaves this function */
    national_cell *all[1 + NCOUNTIES + NSIZES];
    all[0] = &v->total;
    for (int i = 0; i < NCOUNTIES; i++)
        all[1 + i] = &v->county[i];
    for (int i = 0; i < NSIZES; i++)
        all[1 + NCOUNTIES + i] = &v->size[i];
    for (int i = 0; i < 1 + NCOUNTIES + NSIZES; i++)
        if (all[i]->state != CELL_SHOWN) {
            cell_state keep = all[i]->state;
            memset(all[i], 0, sizeof *all[i]);
            all[i]->state = keep;
        }
    for (int i = 0; i < NCOUNTIES; i++)
        v->county[i].key = national_county_options[i].value,
        v->county[i].label = national_county_options[i].label;
    for (int i = 0; i < NSIZES; i++)
        v->size[i].key = national_size_options[i].value,
        v->size[i].label = national_size_options[i].label;
    v->total.key = "all";
    v->total.label = TR_nat_all;
    return true;
}

/* ---- requests --------------------------------------------------------------------- */

static int year_asked(req *r)
{
    char today[11];
    date_today(today);
    int64_t y;
    const char *q = kv_get(&r->query, "year");
    return q && parse_int64(q, &y) && y >= 2000 && y <= 2100 ? (int)y : atoi(today);
}

/* The body's role, then the view, then the read in the audit log: false when refused or
 * failed (the response is written). */
static bool load_for(req *r, resp *out, national_view *v, const char *how)
{
    if (!perm_allows(r->auth, ACT_NATIONAL_READ, NULL)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    int year = year_asked(r);
    bool ok = national_load(r, year, v) && db_begin(r->db) == DB_OK;
    if (ok) {
        ok = entity_audit(r, "read", &entity_national_optins, 0,
                          arena_printf(r->a, "national view %d (%s)", year, how), NULL) == DB_OK &&
             db_commit(r->db) == DB_OK;
        if (!ok) db_rollback(r->db);
    }
    if (!ok) respond_error(r, out, 500, "internal", TR_err_internal);
    return ok;
}

static const char *state_code(cell_state s)
{
    return s == CELL_SHOWN   ? NULL
           : s == CELL_EMPTY ? "no_tenants"
           : s == CELL_FEW   ? "fewer_than_5"
                             : "complementary";
}

tr_key national_state_reason(cell_state s)
{
    return s == CELL_EMPTY        ? TR_nat_reason_empty
           : s == CELL_FEW        ? TR_nat_reason_few
           : s == CELL_COMPLEMENT ? TR_nat_reason_complement
                                  : 0;
}

void h_national(req *r, resp *out)
{
    national_view *v = arena_alloc(r->a, sizeof *v);
    if (!load_for(r, out, v, "page")) return;
    page_begin(r, out, tr(r->lang, TR_nat_title), "national");
    view_national_page(&out->body, r->lang, r, v);
    page_end(r, out);
}

const char *national_share_text(req *r, const national_share *s)
{
    return s->permille >= 0
               ? arena_printf(r->a, tr(r->lang, TR_nat_pct), s->permille / 10, s->permille % 10)
               : tr(r->lang, TR_nat_hidden);
}

static void json_keys(req *r, buf *b, const national_cell *c)
{
    buf_puts(b, ",\"key_shares\":[");
    for (int k = 0; k < NK__COUNT; k++) {
        const national_share *s = &c->keys[k];
        buf_printf(b, "%s{\"key\":\"%s\",\"label\":", k ? "," : "", national_keys[k].code);
        esc_json_string(b, tr(r->lang, national_keys[k].label));
        if (s->permille < 0) {
            buf_puts(b, ",\"shown\":false,\"reason\":");
            esc_json_string(b, state_code(s->state));
            buf_putc(b, '}');
            continue;
        }
        buf_printf(b, ",\"shown\":true,\"count\":%d,\"of\":%d,\"tenants\":%d,\"share\":%.1f}",
                   s->count, s->base, s->base_tenants, s->permille / 10.0);
    }
    buf_putc(b, ']');
}

static void json_cell(req *r, buf *b, const national_view *v, const national_cell *c)
{
    buf_puts(b, "{\"key\":");
    esc_json_string(b, c->key);
    buf_puts(b, ",\"label\":");
    esc_json_string(b, tr(r->lang, c->label));
    if (c->state != CELL_SHOWN) {
        buf_puts(b, ",\"shown\":false,\"reason\":");
        esc_json_string(b, state_code(c->state));
        buf_putc(b, '}');
        return;
    }
    buf_printf(b, ",\"shown\":true,\"tenants\":%d,\"areas\":[", c->tenants);
    for (int a = 0; a < MATURITY_AREAS; a++) {
        const national_area *x = &c->area[a];
        buf_printf(b, "%s{\"area\":\"%s\",\"answered\":%d,\"yes\":%d,\"yes_share\":", a ? "," : "",
                   maturity_areas[a].code, x->answered, x->yes);
        if (x->yes_permille < 0)
            buf_puts(b, "null");
        else
            buf_printf(b, "%.1f", x->yes_permille / 10.0);
        buf_printf(b, ",\"levels\":[%d,%d,%d,%d],\"national_yes_share_2019\":%.1f", x->levels[0],
                   x->levels[1], x->levels[2], x->levels[3],
                   maturity_areas[a].national_yes_tenths * 10.0);
        buf_printf(b, ",\"past_level_1_share\":");
        if (x->answered)
            buf_printf(b, "%.1f", x->past1_permille / 10.0);
        else
            buf_puts(b, "null");
        buf_printf(b, ",\"national_past_level_1_share_2019\":%.1f}",
                   maturity_areas[a].national_level2_tenths * 10.0);
    }
    buf_putc(b, ']');
    if (v->keys) json_keys(r, b, c);
    buf_putc(b, '}');
}

void api_national(req *r, resp *out)
{
    national_view *v = arena_alloc(r->a, sizeof *v);
    if (!load_for(r, out, v, "api")) return;
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"year\":%d,\"min_tenants\":%d,\"coverage_mark\":%d,\"total\":", v->year,
               NATIONAL_MIN_TENANTS, NATIONAL_COVERAGE_MARK);
    json_cell(r, b, v, &v->total);
    buf_puts(b, ",\"counties\":[");
    for (int i = 0; i < NCOUNTIES; i++) {
        if (i) buf_putc(b, ',');
        json_cell(r, b, v, &v->county[i]);
    }
    buf_puts(b, "],\"size_classes\":[");
    for (int i = 0; i < NSIZES; i++) {
        if (i) buf_putc(b, ',');
        json_cell(r, b, v, &v->size[i]);
    }
    buf_puts(b, "]}");
}

static void csv_cell(req *r, buf *b, const national_view *v, tr_key breakdown,
                     const national_cell *c)
{
    const char *what = tr(r->lang, breakdown), *label = tr(r->lang, c->label);
    if (c->state != CELL_SHOWN) {
        esc_csv_field(b, what, ';');
        buf_putc(b, ';');
        esc_csv_field(b, label, ';');
        buf_puts(b, ";;");
        esc_csv_field(b, tr(r->lang, national_state_reason(c->state)), ';');
        buf_puts(b, ";;;;;;;;;;\r\n");
        return;
    }
    for (int a = 0; a < MATURITY_AREAS + (v->keys ? NK__COUNT : 0); a++) {
        esc_csv_field(b, what, ';');
        buf_putc(b, ';');
        esc_csv_field(b, label, ';');
        buf_printf(b, ";%d;", c->tenants);
        if (a >= MATURITY_AREAS) { /* a key share: of, count, share */
            const national_share *s = &c->keys[a - MATURITY_AREAS];
            esc_csv_field(b, tr(r->lang, national_keys[a - MATURITY_AREAS].label), ';');
            if (s->permille >= 0)
                buf_printf(b, ";%d;%d;%d,%d", s->base, s->count, s->permille / 10,
                           s->permille % 10);
            else
                buf_printf(b, ";;;%s", tr(r->lang, national_state_reason(s->state)));
            buf_puts(b, ";;;;;;;\r\n");
            continue;
        }
        const national_area *x = &c->area[a];
        esc_csv_field(b, tr(r->lang, maturity_areas[a].label), ';');
        buf_printf(b, ";%d;%d;", x->answered, x->yes);
        if (x->yes_permille >= 0)
            buf_printf(b, "%d,%d", x->yes_permille / 10, x->yes_permille % 10);
        buf_printf(b, ";%d;%d;%d;%d;%d;", x->levels[0], x->levels[1], x->levels[2], x->levels[3],
                   maturity_areas[a].national_yes_tenths * 10);
        if (x->past1_permille >= 0)
            buf_printf(b, "%d,%d", x->past1_permille / 10, x->past1_permille % 10);
        buf_printf(b, ";%d\r\n", maturity_areas[a].national_level2_tenths * 10);
    }
}

void h_national_csv(req *r, resp *out)
{
    national_view *v = arena_alloc(r->a, sizeof *v);
    if (!load_for(r, out, v, "csv")) return;
    out->content_type = "text/csv; charset=utf-8";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-national-%d.csv\"", v->year));
    buf *b = &out->body;
    buf_puts(b, "\xEF\xBB\xBF");
    static const tr_key heads[] = {TR_nat_csv_breakdown, TR_nat_csv_cell,      TR_nat_csv_tenants,
                                   TR_mat_area,          TR_nat_csv_answered,  TR_nat_csv_yes,
                                   TR_nat_csv_share,     TR_nat_csv_level1,    TR_nat_csv_level2,
                                   TR_nat_csv_level3,    TR_nat_csv_level4,    TR_nat_csv_2019,
                                   TR_nat_csv_past1,     TR_nat_csv_past1_2019};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        if (i) buf_putc(b, ';');
        esc_csv_field(b, tr(r->lang, heads[i]), ';');
    }
    buf_puts(b, "\r\n");
    csv_cell(r, b, v, TR_nat_country, &v->total);
    for (int i = 0; i < NCOUNTIES; i++)
        csv_cell(r, b, v, TR_nat_county, &v->county[i]);
    for (int i = 0; i < NSIZES; i++)
        csv_cell(r, b, v, TR_nat_size, &v->size[i]);
}
