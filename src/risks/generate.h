/* generate.h - the risk area's part of `lis demo --scale N` (see src/app/generate.c). */
#ifndef LIS_RISKS_GENERATE_H
#define LIS_RISKS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Adds `risks` risks rated over the default matrix and `actions` actions of the plans
 * 2025–2027 to one tenant, spread over the given units, owners and responsibles among its
 * people, about every third action linked to a risk; every row audited. Deterministic for
 * a seed. Returns the rows created, or -1 on failure (inside the caller's transaction). */
long generate_risks(db *d, arena *a, uint64_t seed, int64_t tenant, const int64_t *units,
                    int nunits, int risks, int actions);
#endif
