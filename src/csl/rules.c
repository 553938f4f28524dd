/* rules.c - the rules of Cybersäkerhetslagen's records: an organisation's status follows
 * from its reason (and a bolag's sector), never set apart from it; a change to a fact
 * registered with the authority becomes a change to report within 14 days; training
 * belongs to the mandate period it was given in. */
#include "csl.h"
#include "../suppliers/suppliers.h"
#include "../core/util.h"
#include <string.h>

/* The facts an organisation registers with the supervisory authority (MCFFS 2026:1, as
 * reported): changing one after registration is a change to report (2 kap. 2 §). */
static const char *const registered_facts[] = {
    "status",        "sector",        "org_number", "address",
    "contact_email", "contact_phone", "ip_ranges",  NULL};

static bool not_after_today(const char *date)
{
    char today[11];
    date_today(today);
    return !date || strcmp(date, today) <= 0;
}

void csl_organisation_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs)
{
    (void)old;
    const char *unit = record_get(rec, e, "unit_id");
    const char *p[] = {tenant_param(r), unit};
    const char *kind =
        unit
            ? db_scalar(r->db, r->a, "SELECT kind FROM unit WHERE tenant_id = $1 AND id = $2", 2, p)
            : NULL;
    if (unit && !csl_organisation_kind(kind)) {
        errors_add(errs, entity_field(e, "unit_id"), TR_csl_err_not_organisation, NULL);
        return;
    }
    const char *q[] = {tenant_param(r), unit, int_text(r->a, old ? old->id : 0)};
    if (unit && db_scalar(r->db, r->a,
                          "SELECT 1 FROM csl_organisation WHERE tenant_id = $1 AND unit_id = $2 "
                          "AND id <> $3",
                          3, q))
        errors_add(errs, entity_field(e, "unit_id"), TR_csl_err_twice, NULL);
    csl_problem problem = CSL_OK;
    const char *status =
        csl_status_of(record_get(rec, e, "reason"), record_get(rec, e, "sector"), kind, &problem);
    switch (problem) {
    case CSL_OK:
        record_set(rec, e, "status", status);
        break;
    case CSL_REASON_UNKNOWN:
    case CSL_REASON_WRONG_KIND:
        errors_add(errs, entity_field(e, "reason"), TR_csl_err_reason_kind, NULL);
        break;
    case CSL_SECTOR_NEEDED:
        errors_add(errs, entity_field(e, "sector"), TR_csl_err_sector_needed, NULL);
        break;
    case CSL_SECTOR_UNKNOWN:
    case CSL_SECTOR_NOT_WANTED:
        errors_add(errs, entity_field(e, "sector"), TR_csl_err_sector_not_wanted, NULL);
        break;
    }
    const char *reason = record_get(rec, e, "reason");
    if (reason && !strncmp(reason, "special_", 8) && str_empty(record_get(rec, e, "reason_note")))
        errors_add(errs, entity_field(e, "reason_note"), TR_csl_err_note_needed, NULL);
    const char *orgnr = record_get(rec, e, "org_number");
    if (!str_empty(orgnr)) {
        char *normal = arena_alloc(r->a, 12);
        if (!orgnr_normalise(orgnr, normal))
            errors_add(errs, entity_field(e, "org_number"), TR_sup_err_org_number, NULL);
        else
            record_set(rec, e, "org_number", normal);
    }
    const char *registered = record_get(rec, e, "registered_on");
    if (!not_after_today(registered))
        errors_add(errs, entity_field(e, "registered_on"), TR_csl_err_future, NULL);
    if (!registered && !str_empty(record_get(rec, e, "registration_ref")))
        errors_add(errs, entity_field(e, "registered_on"), TR_csl_err_ref_without_date, NULL);
    if (status && !strcmp(status, "ej_omfattad") && registered)
        errors_add(errs, entity_field(e, "registered_on"), TR_csl_err_not_covered_registered, NULL);
}

/* The labels of the registered facts that differ between old and rec, in the reader's
 * language, "Status, Kontaktens e-post"; NULL when none. */
static const char *changed_facts(req *r, const entity *e, const record *rec, const record *old)
{
    buf b;
    buf_init(&b, 0);
    for (int i = 0; registered_facts[i]; i++) {
        int f = entity_field(e, registered_facts[i]);
        if (str_same(rec->values[f], old->values[f])) continue;
        if (b.len) buf_puts(&b, ", ");
        buf_puts(&b, tr(r->lang, e->fields[f].label));
    }
    const char *s = b.len ? arena_strdup(r->a, buf_str(&b)) : NULL;
    buf_free(&b);
    return s;
}

bool csl_organisation_after_write(req *r, const entity *e, record *rec, const record *old,
                                  errors *errs)
{
    /* only a registered organisation has facts to report changed; registering is no change */
    if (!rec || !old || !old->values[entity_field(e, "registered_on")] ||
        !rec->values[entity_field(e, "registered_on")])
        return true;
    const char *facts = changed_facts(r, e, rec, old);
    if (!facts) return true;
    char today[11];
    date_today(today);
    const entity *c = &entity_csl_changes;
    record *change = record_new(r, c);
    record_set(change, c, "organisation_id", int_text(r->a, rec->id));
    record_set(change, c, "facts", facts);
    record_set(change, c, "changed_on", today);
    /* through the engine: validated, written and audited like one made by hand */
    return entity_create_in(r, c, change, errs) == DB_OK;
}

/* The organisation's unit, copied onto a change or a training (whose unit decides who
 * writes it and whose start page it reaches); false with an error when it is none of the
 * tenant's. */
static bool organisation_unit(req *r, const entity *e, record *rec, errors *errs)
{
    const char *p[] = {tenant_param(r), record_get(rec, e, "organisation_id")};
    const char *unit =
        p[1] ? db_scalar(r->db, r->a,
                         "SELECT unit_id FROM csl_organisation WHERE tenant_id = $1 AND id = $2", 2,
                         p)
             : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "organisation_id"), TR_err_ref, NULL);
        return false;
    }
    record_set(rec, e, "unit_id", unit);
    return true;
}

void csl_change_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    if (!organisation_unit(r, e, rec, errs)) return;
    const char *changed = record_get(rec, e, "changed_on");
    char due[11];
    if (!changed || !csl_change_due(changed, due)) {
        errors_add(errs, entity_field(e, "changed_on"), TR_err_date, NULL);
        return;
    }
    if (!not_after_today(changed))
        errors_add(errs, entity_field(e, "changed_on"), TR_csl_err_future, NULL);
    record_set(rec, e, "due_on", arena_strdup(r->a, due));
    const char *reported = record_get(rec, e, "reported_on");
    if (reported && strcmp(reported, changed) < 0)
        errors_add(errs, entity_field(e, "reported_on"), TR_csl_err_reported_before, NULL);
    if (!not_after_today(reported))
        errors_add(errs, entity_field(e, "reported_on"), TR_csl_err_future, NULL);
}

void csl_training_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    if (!organisation_unit(r, e, rec, errs)) return;
    const char *on = record_get(rec, e, "trained_on");
    char start[11], end[11], period[10];
    if (!on || !csl_mandate_period(on, start, end, period)) {
        errors_add(errs, entity_field(e, "trained_on"), TR_err_date, NULL);
        return;
    }
    if (!not_after_today(on)) {
        errors_add(errs, entity_field(e, "trained_on"), TR_csl_err_future, NULL);
        return;
    }
    record_set(rec, e, "period", arena_strdup(r->a, period));
}

bool csl_unit_written(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    /* the organisation's name is a registered fact too: renaming the unit of a registered
     * organisation is a change to report */
    if (!rec || !old) return true;
    int name_i = entity_field(e, "name");
    if (str_same(rec->values[name_i], old->values[name_i])) return true;
    const char *p[] = {tenant_param(r), int_text(r->a, old->id)};
    const char *org = db_scalar(r->db, r->a,
                                "SELECT id FROM csl_organisation WHERE tenant_id = $1 AND "
                                "unit_id = $2 AND registered_on IS NOT NULL",
                                2, p);
    if (!org) return true;
    char today[11];
    date_today(today);
    const entity *c = &entity_csl_changes;
    record *change = record_new(r, c);
    record_set(change, c, "organisation_id", org);
    record_set(change, c, "facts", tr(r->lang, TR_csl_name));
    record_set(change, c, "changed_on", today);
    return entity_create_in(r, c, change, errs) == DB_OK;
}
