/* check.h - every descriptor checked against the database (its columns and NOT NULL, as
 * the database reports them) and against the registry and perm.c's roles. */
#ifndef LIS_ENTITY_CHECK_H
#define LIS_ENTITY_CHECK_H
#include "entity.h"
#include <stdio.h>

/* Checks the registered kinds (entity_all); writes one line per problem to log and
 * returns how many there were (0: all agree). */
int entity_check_descriptors(db *d, FILE *log);
/* The same over a given registry (ended by NULL), for tests. */
int entity_check_registry(db *d, const entity *const *all, FILE *log);
#endif
