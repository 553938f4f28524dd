/* generate.h - the inventory part of `lis demo --scale N` (see src/app/generate.c). */
#ifndef LIS_INVENTORY_GENERATE_H
#define LIS_INVENTORY_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

typedef struct inventory_counts {
    int objects, systems, assets, processes;
} inventory_counts;

/* Adds the counted records to one tenant, spread over the given units, with owners and
 * förvaltare among its people, each system linked to one to three information assets;
 * every row audited. Deterministic for a seed. Returns rows created, or -1 on failure
 * (inside the caller's transaction, which then rolls back). */
long generate_inventory(db *d, arena *a, uint64_t seed, int64_t tenant, const int64_t *units,
                        int nunits, inventory_counts want);
#endif
