/* arena.h - a bump allocator: one per request or job, freed all at once.
 *
 * Why: a request builds many small strings (SQL, escaped HTML, JSON); freeing them
 * one by one is where leaks and double frees live. Everything a request allocates
 * comes from its arena and dies with it. */
#ifndef LIS_ARENA_H
#define LIS_ARENA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    size_t total; /* bytes handed out, for the hard cap */
    size_t cap;   /* 0 = no cap; allocation beyond it aborts the request (returns NULL) */
    bool failed;  /* sticky: an allocation was refused (cap or out of memory) */
} arena;

void arena_init(arena *a, size_t cap);
void arena_free(arena *a);
/* Returns zeroed memory, or NULL when the cap would be exceeded or memory ran out. A
 * NULL is never silent: the arena is then marked failed for good (like buf), and the
 * boundary that owns it (the server, per request; a job runner, per job) checks
 * arena_failed() once and answers 500 instead of whatever was built from the gaps. */
void *arena_alloc(arena *a, size_t n);
static inline bool arena_failed(const arena *a)
{
    return a->failed;
}
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

#endif
