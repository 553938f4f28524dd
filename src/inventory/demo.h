/* demo.h - Exempelkommun's hand-written inventory for `lis demo` (see demo.c). */
#ifndef LIS_INVENTORY_DEMO_H
#define LIS_INVENTORY_DEMO_H
#include "../db/db.h"
#include <stdint.h>

/* Adds the demo's förvaltningsobjekt, systems, information assets, processes, the links
 * between systems and information, and the classifications, each row audited. units are
 * the demo's units in the order of app/demo.c's demo_units (3 KLF, 4 IT, 6 BUF, 8 Soc, 9 IFO,
 * 11 SBF). Inside the caller's transaction; false on failure (the caller rolls back). */
bool inventory_demo(db *d, arena *a, int64_t tenant, const int64_t *units);
#endif
