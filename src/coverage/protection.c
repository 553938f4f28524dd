/* protection.c - see protection.h. One query reads every system that is not retired with
 * its confidentiality level; the counts per group, per level and for the tenant are made
 * here by the pure rules below, which the unit tests check case by case. */
#include "protection.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/protection_coverage.h"
#include "../../build/views/protection_system.h"
#include <stdlib.h>
#include <string.h>

bool protection_mfa_required(int k, int from)
{
    return from > 0 && k >= from;
}

bool protection_mfa_missing(int k, int from, const char *mfa)
{
    return protection_mfa_required(k, from) && !(mfa && !strcmp(mfa, "yes"));
}

void protection_count(protection_counts *c, int k, int from, const char *soc, const char *mfa)
{
    c->systems++;
    if (soc && !strcmp(soc, "yes")) c->soc++;
    if (soc && !strcmp(soc, "no")) c->no_soc++;
    if (mfa && !strcmp(mfa, "yes")) c->mfa++;
    if (mfa && !strcmp(mfa, "no")) c->no_mfa++;
    if (protection_mfa_missing(k, from, mfa)) c->mfa_missing++;
}

int protection_percent(int part, int whole)
{
    return whole > 0 ? part * 100 / whole : 0;
}

int protection_mfa_from(req *r)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT min_level, active FROM requirement WHERE tenant_id = $1 AND code = "
                 "'BEH-08'",
                 1, p, &res) != DB_OK ||
        res->nrows == 0)
        return MFA_REQUIRED_FROM_DEFAULT;
    if (atoi(db_cell(res, 0, 1)) != 1) return 0;
    int level = atoi(db_cell(res, 0, 0));
    return level > 0 ? level : MFA_REQUIRED_FROM_DEFAULT;
}

/* every system not retired: id, name, unit_id, soc_logging, mfa, K (NULL: not classified) */
#define SYSTEM_LEVEL_SQL                                                                           \
    "SELECT s.id, s.name, s.unit_id, s.soc_logging, s.mfa, (SELECT MAX(CAST(c.k AS INTEGER)) "     \
    "FROM system_asset l JOIN information_asset a ON a.tenant_id = l.tenant_id AND a.id = "        \
    "l.asset_id AND a.status <> 'retired' JOIN classification c ON c.tenant_id = a.tenant_id "     \
    "AND c.asset_id = a.id AND c.is_current = 1 WHERE l.tenant_id = s.tenant_id AND l.system_id "  \
    "= s.id) FROM system s WHERE s.tenant_id = $1 AND s.status <> 'retired'"

static int level_of(const db_res *res, int row)
{
    const char *k = db_cell(res, row, 5);
    return k && *k ? atoi(k) : -1;
}

enum { LEVELS = 6, MAX_MISSING = 200 }; /* levels: not classified, 0..4 */

static void json_counts(buf *b, const protection_counts *c)
{
    buf_printf(b,
               "\"systems\":%d,\"soc_logging\":%d,\"no_soc_logging\":%d,\"soc_percent\":%d,"
               "\"mfa\":%d,\"no_mfa\":%d,\"mfa_percent\":%d,\"mfa_missing\":%d",
               c->systems, c->soc, c->no_soc, protection_percent(c->soc, c->systems), c->mfa,
               c->no_mfa, protection_percent(c->mfa, c->systems), c->mfa_missing);
}

bool protection_section(req *r, void *ctx, protection_group_fn group_of, const char *const *names,
                        const char *const *unit_ids, int ngroups, buf *html, buf *json)
{
    int from = protection_mfa_from(r);
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, SYSTEM_LEVEL_SQL " ORDER BY s.name, s.id", 1, p, &res) != DB_OK)
        return false;
    protection_counts *groups = arena_alloc(r->a, sizeof *groups * (size_t)(ngroups + 1));
    memset(groups, 0, sizeof *groups * (size_t)(ngroups + 1));
    protection_counts levels[LEVELS] = {0}, total = {0};
    int *missing = arena_alloc(r->a, sizeof(int) * MAX_MISSING);
    int nmissing = 0, more = 0;
    for (int i = 0; i < res->nrows; i++) {
        int k = level_of(res, i);
        const char *soc = db_cell(res, i, 3), *mfa = db_cell(res, i, 4);
        int g = group_of(ctx, db_cell(res, i, 2));
        protection_count(&groups[g], k, from, soc, mfa);
        int li = k < 0 ? 0 : k > 4 ? 4 + 1 : k + 1;
        protection_count(&levels[li], k, from, soc, mfa);
        protection_count(&total, k, from, soc, mfa);
        if (protection_mfa_missing(k, from, mfa)) {
            if (nmissing < MAX_MISSING)
                missing[nmissing++] = i;
            else
                more++;
        }
    }
    if (html) {
        const char **mfa_text = arena_alloc(r->a, sizeof(char *) * (size_t)(nmissing + 1));
        for (int m = 0; m < nmissing; m++) {
            const char *mfa = db_cell(res, missing[m], 4);
            mfa_text[m] = tr(r->lang, mfa && !strcmp(mfa, "no") ? TR_prot_mfa_no : TR_prot_unknown);
        }
        view_protection_coverage(html, r->lang, names, groups, ngroups, levels, LEVELS, &total, res,
                                 missing, mfa_text, nmissing, more, from);
    }
    if (json) {
        buf_printf(json, "{\"mfa_required_from\":%d,\"units\":[", from);
        for (int g = 0; g < ngroups; g++) {
            buf_puts(json, g ? ",{\"unit_id\":" : "{\"unit_id\":");
            buf_puts(json, unit_ids[g] ? unit_ids[g] : "null");
            buf_puts(json, ",\"name\":");
            esc_json_string(json, names[g]);
            buf_putc(json, ',');
            json_counts(json, &groups[g]);
            buf_putc(json, '}');
        }
        buf_puts(json, "],\"levels\":[");
        for (int l = 0; l < LEVELS; l++) {
            if (l) buf_putc(json, ',');
            if (l == 0)
                buf_puts(json, "{\"k\":null,");
            else
                buf_printf(json, "{\"k\":%d,", l - 1);
            json_counts(json, &levels[l]);
            buf_putc(json, '}');
        }
        buf_puts(json, "],\"total\":{");
        json_counts(json, &total);
        buf_puts(json, "},\"mfa_missing\":[");
        for (int m = 0; m < nmissing; m++) {
            int i = missing[m];
            buf_printf(json, "%s{\"id\":%s,\"name\":", m ? "," : "", db_cell(res, i, 0));
            esc_json_string(json, db_cell(res, i, 1));
            buf_printf(json, ",\"k\":%d,\"mfa\":", level_of(res, i));
            const char *mfa = db_cell(res, i, 4);
            if (mfa)
                esc_json_string(json, mfa);
            else
                buf_puts(json, "null");
            buf_putc(json, '}');
        }
        buf_printf(json, "],\"mfa_missing_more\":%d}", more);
    }
    return true;
}

void protection_system_section(req *r, int64_t system_id, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, system_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, SYSTEM_LEVEL_SQL " AND s.id = $2", 2, p, &res) != DB_OK ||
        res->nrows != 1)
        return;
    int k = level_of(res, 0), from = protection_mfa_from(r);
    if (!protection_mfa_missing(k, from, db_cell(res, 0, 4))) return;
    const char *mfa = db_cell(res, 0, 4);
    view_protection_system(out, r->lang, (long long)system_id, k, from, mfa && !strcmp(mfa, "no"));
}
