/* demo.h - the demo's self-assessment of two objects (lis demo; see demo.c). */
#ifndef LIS_REQUIREMENTS_DEMO_H
#define LIS_REQUIREMENTS_DEMO_H
#include "../db/db.h"

/* The self-assessment of two of the demo's objects. Runs after catalogue_sync has put the
 * requirement catalogue into the tenant, in its own transaction; does nothing when the
 * tenant already has answers or the objects are not there. 0 on success. */
int requirements_demo_answers(db *d);
#endif
