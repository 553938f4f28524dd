/* authorities.c - who the notifications go to, as data: for each kind (IMY under GDPR,
 * the CSIRT under Cybersäkerhetslagen, the supervisory authority that organisations
 * register with and report changes to) a name, the address of the report form and a
 * phone number, kept per tenant by the CISO (audited by the engine), with lis's
 * defaults until the tenant keeps its own. The recipient has changed by förordning
 * before (MSB became MCF on 2026-01-01; the CSIRT's reporting is reported to move to
 * FRA's NCSC), so a tenant corrects it here without a new lis. Used by the report
 * drafts and the clocks panel. */
#include "incidents.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/incident_authorities.h"
#include "../../build/views/incident_authority.h"
#include <string.h>

static const enum_opt kinds[] = {
    {"imy", TR_inc_auth_kind_imy},
    {"csirt", TR_inc_auth_kind_csirt},
    {"supervisor", TR_inc_auth_kind_supervisor},
    {NULL, 0},
};

static const field authority_fields[] = {
    {"kind", FT_ENUM, TR_inc_auth_kind,
     F_LIST | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT | F_FILTER | F_NOT_NULL,
     .options = kinds},
    {"name", FT_TEXT, TR_inc_auth_name, F_LIST | F_FORM | F_REQUIRED | F_EXPORT | F_SEARCH,
     .max_len = 200},
    {"url", FT_TEXT, TR_inc_auth_url, F_LIST | F_FORM | F_EXPORT, .max_len = 500,
     .help = TR_inc_auth_url_help},
    {"phone", FT_TEXT, TR_inc_auth_phone, F_LIST | F_FORM | F_EXPORT, .max_len = 50},
};

const entity entity_incident_authorities = {
    .name = "incident_authorities",
    .table = "incident_authority",
    .label_one = TR_inc_auth_one,
    .label_many = TR_inc_auth_many,
    .fields = authority_fields,
    .nfields = sizeof authority_fields / sizeof authority_fields[0],
    .title_sql = "t.name",
    .default_sort = "kind",
    .read_action = ACT_INCIDENT_HANDLE,
    .write_action = ACT_INCIDENT_HANDLE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true, /* back to the default */
    .has_updated_at = true,
    .validate = incident_authority_validate,
};

/* lis's defaults (checked 2026-11-25), until the tenant keeps its own */
static const struct {
    const char *kind, *name, *url, *phone;
} defaults[] = {
    {"imy", "Integritetsskyddsmyndigheten (IMY)", "https://e-tjanster.imy.se/sv/anmalan",
     "08-657 61 00"},
    {"csirt", "CERT-SE, Myndigheten för civilt försvar (MCF)", "https://www.cert.se/rapportera/",
     "010-240 40 40"},
    /* Cybersäkerhetslagen's single point of contact and supervisory authority for kommuner,
     * regions and kommunalförbund, where organisations register and report changes (as
     * reported; the CISO corrects it, src/csl/) */
    {"supervisor", "Myndigheten för civilt försvar (MCF)", "https://www.mcf.se/", "0771-240 240"},
};

void incident_authority_validate(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs)
{
    /* the recipients are the CISO's to keep, not every handler's */
    if (!perm_has_role(r->auth, ROLE_CISO)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return;
    }
    const char *url = record_get(rec, e, "url");
    if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        errors_add(errs, entity_field(e, "url"), TR_inc_auth_err_url, NULL);
    const char *kind = record_get(rec, e, "kind");
    const char *p[] = {tenant_param(r), kind, int_text(r->a, (old ? old->id : 0))};
    if (kind && db_scalar(r->db, r->a,
                          "SELECT 1 FROM incident_authority WHERE tenant_id = $1 AND kind = $2 "
                          "AND id <> $3",
                          3, p))
        errors_add(errs, entity_field(e, "kind"), TR_inc_auth_err_twice, NULL);
}

incident_authority authority_of(req *r, const char *kind)
{
    incident_authority a = {0};
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (!strcmp(defaults[i].kind, kind)) {
            a.name = defaults[i].name;
            a.url = defaults[i].url;
            a.phone = defaults[i].phone;
        }
    a.kind = kind;
    const char *p[] = {tenant_param(r), kind};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, name, url, phone FROM incident_authority WHERE tenant_id = $1 AND "
                 "kind = $2",
                 2, p, &res) == DB_OK &&
        res->nrows == 1) {
        a.id = db_cell_int(res, 0, 0);
        a.name = db_cell(res, 0, 1);
        a.url = db_cell(res, 0, 2);
        a.phone = db_cell(res, 0, 3);
    }
    return a;
}

/* The change link: the tenant's own row, or a new one prefilled with the defaults;
 * only the CISO changes them (NULL for anyone else). */
static const char *change_url(req *r, const incident_authority *a)
{
    if (!perm_has_role(r->auth, ROLE_CISO)) return NULL;
    if (a->id) return arena_printf(r->a, "/incident_authorities/%lld/edit", (long long)a->id);
    buf url;
    buf_init(&url, 0);
    buf_printf(&url, "/incident_authorities/new?kind=%s&name=", a->kind);
    esc_url_component(&url, a->name);
    buf_puts(&url, "&url=");
    esc_url_component(&url, a->url);
    buf_puts(&url, "&phone=");
    esc_url_component(&url, a->phone);
    const char *s = arena_strdup(r->a, buf_str(&url));
    buf_free(&url);
    return s;
}

void authority_html(req *r, buf *out, const incident_authority *a, bool editable)
{
    view_incident_authority(out, r->lang, a, editable ? change_url(r, a) : NULL);
}

void authorities_section(req *r, buf *out, bool imy, bool csirt)
{
    view_incident_authorities(out, r->lang, r, imy, csirt);
}
