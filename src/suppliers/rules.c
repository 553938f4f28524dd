/* rules.c - what a supplier and an agreement must hold beyond their fields' types: a
 * Swedish supplier's organisationsnummer passes its check digit and is kept in one form;
 * two suppliers never share a name (case and spaces aside), so that free-text names match
 * one record; an agreement ends after it starts, its notice date follows from its end and
 * notice period, an SLA's figures belong to an SLA and a PUB-avtal's processing and
 * transfers to a PUB-avtal (or its underbiträden). */
#include "suppliers.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const char *val(const entity *e, const record *rec, const char *name)
{
    return record_get(rec, e, name);
}

/* A country that means Sweden, where the organisationsnummer is Swedish; empty too. */
static bool swedish(const char *country)
{
    static const char *const names[] = {"sverige", "sweden", "se", NULL};
    if (str_empty(country)) return true;
    char folded[101];
    size_t n = strlen(country);
    if (n >= sizeof folded) return false;
    utf8_fold_lower(country, n, folded);
    for (int i = 0; names[i]; i++)
        if (!strcmp(folded, names[i])) return true;
    return false;
}

void supplier_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *country = val(e, rec, "country");
    if (!old && str_empty(country)) record_set(rec, e, "country", country = "Sverige");
    if (!old && str_empty(val(e, rec, "review_months"))) record_set(rec, e, "review_months", "12");
    const char *orgnr = val(e, rec, "org_number");
    if (!str_empty(orgnr) && swedish(country)) {
        char *normal = arena_alloc(r->a, 12);
        if (!orgnr_normalise(orgnr, normal))
            errors_add(errs, entity_field(e, "org_number"), TR_sup_err_org_number, NULL);
        else
            record_set(rec, e, "org_number", normal);
    }
    const char *name = val(e, rec, "name");
    if (str_empty(name)) return;
    const char *p[] = {tenant_param(r), name, int_text(r->a, rec->id)};
    if (db_scalar(r->db, r->a,
                  "SELECT id FROM supplier WHERE tenant_id = $1 AND id <> $3 AND "
                  "LOWER(REPLACE(name, ' ', '')) = LOWER(REPLACE($2, ' ', ''))",
                  3, p))
        errors_add(errs, entity_field(e, "name"), TR_sup_err_name_taken, NULL);
}

bool agreement_notice_date(const char *end, int months, char out[11])
{
    return months >= 0 && date_add_months(end, -months, out);
}

bool availability_normalise(const char *in, char out[16])
{
    char digits[16];
    int n = 0, decimals = -1;
    const char *p = in;
    while (p && *p == ' ')
        p++;
    for (; p && *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (decimals >= 0 && ++decimals > 3) return false;
            if (n == 7) return false;
            digits[n++] = *p;
        } else if ((*p == ',' || *p == '.') && decimals < 0 && n > 0) {
            decimals = 0;
            digits[n++] = '.';
        } else {
            break;
        }
    }
    if (!n || decimals == 0) return false;
    while (p && *p == ' ')
        p++;
    if (p && *p == '%') p++;
    while (p && *p == ' ')
        p++;
    if (p && *p) return false;
    digits[n] = '\0';
    double v = strtod(digits, NULL);
    if (v < 0 || v > 100) return false;
    /* "99.50" and "99.5" are one promise */
    if (decimals > 0) {
        while (digits[n - 1] == '0')
            digits[--n] = '\0';
        if (digits[n - 1] == '.') digits[--n] = '\0';
    }
    memcpy(out, digits, (size_t)n + 1);
    return true;
}

static void only_for(const entity *e, const record *rec, const char *kind, const char *const *names,
                     const char *const *kinds, tr_key message, errors *errs)
{
    for (int k = 0; kinds[k]; k++)
        if (kind && !strcmp(kind, kinds[k])) return;
    for (int i = 0; names[i]; i++)
        if (!str_empty(val(e, rec, names[i])))
            errors_add(errs, entity_field(e, names[i]), message, NULL);
}

void agreement_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *kind = val(e, rec, "kind"), *start = val(e, rec, "start_date"),
               *end = val(e, rec, "end_date"), *months = val(e, rec, "notice_months");
    if (start && end && strcmp(end, start) < 0)
        errors_add(errs, entity_field(e, "end_date"), TR_agr_err_end_before_start, NULL);
    if (months && !end)
        errors_add(errs, entity_field(e, "notice_months"), TR_agr_err_notice_without_end, NULL);
    char *notice = NULL;
    if (months && end) {
        notice = arena_alloc(r->a, 11);
        if (!agreement_notice_date(end, atoi(months), notice)) notice = NULL;
    }
    record_set(rec, e, "notice_date", notice);
    const char *availability = val(e, rec, "availability");
    if (!str_empty(availability)) {
        char *normal = arena_alloc(r->a, 16);
        if (!availability_normalise(availability, normal))
            errors_add(errs, entity_field(e, "availability"), TR_agr_err_availability, NULL);
        else
            record_set(rec, e, "availability", normal);
    }
    only_for(e, rec, kind,
             (const char *const[]){"availability", "support_hours", "rto_hours", "rpo_hours",
                                   "backup_hours", NULL},
             (const char *const[]){"sla", NULL}, TR_agr_err_sla_only, errs);
    only_for(e, rec, kind, (const char *const[]){"processing", NULL},
             (const char *const[]){"pub", "underbitrade", NULL}, TR_agr_err_pub_only, errs);
    /* a PUB-avtal with transfers stays one: its transfers would lose their agreement */
    if (old && kind && strcmp(kind, "pub") && strcmp(kind, "underbitrade")) {
        const char *p[] = {tenant_param(r), int_text(r->a, old->id)};
        if (db_scalar(r->db, r->a,
                      "SELECT id FROM agreement_transfer WHERE tenant_id = $1 AND agreement_id = "
                      "$2",
                      2, p))
            errors_add(errs, entity_field(e, "kind"), TR_agr_err_has_transfers, NULL);
    }
}

void agreement_system_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs)
{
    if (old) return; /* both references are fixed once made */
    const char *p[] = {tenant_param(r), val(e, rec, "agreement_id"), val(e, rec, "system_id")};
    if (p[1] && p[2] &&
        db_scalar(r->db, r->a,
                  "SELECT id FROM agreement_system WHERE tenant_id = $1 AND agreement_id = $2 AND "
                  "system_id = $3",
                  3, p))
        errors_add(errs, entity_field(e, "system_id"), TR_agr_err_system_twice, NULL);
}

void agreement_transfer_validate(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs)
{
    (void)old;
    const char *p[] = {tenant_param(r), val(e, rec, "agreement_id")};
    if (!p[1]) return;
    const char *kind =
        db_scalar(r->db, r->a, "SELECT kind FROM agreement WHERE tenant_id = $1 AND id = $2", 2, p);
    if (kind && strcmp(kind, "pub") && strcmp(kind, "underbitrade"))
        errors_add(errs, entity_field(e, "agreement_id"), TR_agr_err_transfer_pub_only, NULL);
}
