/* cli.c - the command line's scan import (scans.h): the same store.c as the page and the
 * API, run as lis itself for the tenant, reading the file from disk as a stream. */
#include "scans.h"
#include "../entity/system_req.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool scans_cli_req(db *d, arena *a, const char *tenant_code, const char *actor, req *r, auth *who)
{
    const char *p[] = {tenant_code};
    const char *tenant = db_scalar(d, a, "SELECT id FROM tenant WHERE code = $1", 1, p);
    if (!tenant) {
        fprintf(stderr, "lis: no tenant %s\n", tenant_code);
        return false;
    }
    if (!system_req_init(r, who, a, d, atoll(tenant), actor)) {
        fprintf(stderr, "lis: tenant %s has no unit\n", tenant_code);
        return false;
    }
    return true;
}

int scans_cli_import(db *d, const char *tenant_code, const char *unit_id, const char *path)
{
    arena a;
    arena_init(&a, 0);
    int rc = 1;
    req r;
    auth who;
    if (!scans_cli_req(d, &a, tenant_code, "import-scan", &r, &who)) {
        /* said */
    } else if (unit_id && !unit_path_of(&r, unit_id)) {
        fprintf(stderr, "lis: no unit %s in tenant %s\n", unit_id, tenant_code);
    } else {
        const char *slash = strrchr(path, '/');
        scan_result res;
        if (scan_import(&r, NULL, 0, path, slash ? slash + 1 : path, unit_id, true, &res)) {
            printf("%d findings on %d hosts: %d new, %d still open, %d fixed\n", res.findings,
                   res.hosts, res.new_findings, res.still_open, res.fixed);
            if (res.informational)
                printf("%d informational entries (no severity) left out\n", res.informational);
            for (int i = 0; i < res.nunmapped && i < 50; i++)
                printf("host without a system: %s\n", res.unmapped[i]);
            if (res.nunmapped > 50) printf("… %d hosts without a system in all\n", res.nunmapped);
            rc = 0;
        } else if (res.errors) {
            for (int i = 0; i < res.errors && i < 20; i++)
                fprintf(stderr, "lis: %s: %s\n", path, res.error_rows[i]);
            fprintf(stderr, "lis: %s: %d rows cannot be findings; nothing was imported\n", path,
                    res.errors);
        } else {
            fprintf(stderr, "lis: %s: %s; nothing was imported\n", path, res.error);
        }
    }
    arena_free(&a);
    return rc;
}
