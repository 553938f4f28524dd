/* mapping.h - what a kommun's column headers and cell words mean to lis. The words are
 * data (data/import_headers.csv: kind;field;header, kind "*" for every inventory kind;
 * data/import_values.csv: field;value;word), so a kommun's new synonym is one line. */
#ifndef LIS_IMPORT_MAPPING_H
#define LIS_IMPORT_MAPPING_H
#include "../entity/entity.h"

enum { COL_IGNORE = -1, COL_ID = -2 }; /* besides a field index */

/* A header or word as compared: lower-cased (Swedish letters too), spaces collapsed,
 * trimmed, a trailing ':' or '*' (a required-column mark) dropped. */
char *import_fold(arena *a, const char *s);
/* A data file's rows (key;value;word), the words folded; loaded once per import. */
typedef struct word_table {
    struct {
        const char *key, *value, *word;
    } * rows;
    int n;
} word_table;
word_table *word_table_load(arena *a, const char *file);
/* The column a header proposes for kind e: a synonym, the field's label in Swedish or
 * English, or its API name; COL_IGNORE when none. */
int mapping_propose(arena *a, const word_table *headers, const entity *e, const char *header);
/* The stored value a cell names for an enumeration: its value, label in either
 * language, or a synonym; NULL when it names none. */
const char *mapping_enum_value(arena *a, const word_table *values, const field *f,
                               const char *cell);
/* The field a column is mapped to as the form and the database spell it: "" (ignored),
 * "id", or a field name; and back (COL_IGNORE when unknown or not importable). */
const char *mapping_name(const entity *e, int col_field);
int mapping_parse(const entity *e, const char *name);
#endif
