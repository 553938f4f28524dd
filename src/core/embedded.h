/* embedded.h - files compiled into the binary (tools/embed.c): migrations, static assets. */
#ifndef LIS_EMBEDDED_H
#define LIS_EMBEDDED_H
#include <stddef.h>
typedef struct embedded_file {
    const char *name;
    const char *data;
    size_t len;
} embedded_file;
extern const embedded_file embedded_migrations[]; /* sorted by name */
extern const embedded_file embedded_static[];
extern const embedded_file embedded_data[]; /* reference data: the CSV files in data/ */
#endif
