/* script.c - see script.h. */
#include "script.h"
#include <stdlib.h>
#include <string.h>

static char *replace_all(const char *s, const char *from, const char *to)
{
    size_t n = 0, flen = strlen(from), tlen = strlen(to);
    for (const char *p = s; (p = strstr(p, from)); p += flen)
        n++;
    char *out = malloc(strlen(s) + n * tlen + 1), *o = out;
    if (!out) return NULL;
    const char *p;
    while ((p = strstr(s, from))) {
        memcpy(o, s, (size_t)(p - s));
        o += p - s;
        memcpy(o, to, tlen);
        o += tlen;
        s = p + flen;
    }
    strcpy(o, s);
    return out;
}

char *script_in_dialect(const char *sql, const script_word *words)
{
    char *s = strdup(sql);
    for (const script_word *w = words; s && w->placeholder; w++) {
        char *next = replace_all(s, w->placeholder, w->sql);
        free(s);
        s = next;
    }
    return s;
}
