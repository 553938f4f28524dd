/* inventory.h - what the kommun has: förvaltningsobjekt (pm3), systems, information
 * assets (informationsmängder) and processes, and which information each system handles. */
#ifndef LIS_INVENTORY_H
#define LIS_INVENTORY_H
#include "../entity/entity.h"

extern const entity entity_objects, entity_systems, entity_assets, entity_processes,
    entity_system_assets;

bool system_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
void system_asset_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* GET /inventory: the four lists with their counts */
void h_inventory(req *r, resp *out);
#endif
