/* i18n.h - the Swedish and English catalogues (i18n/sv.txt, i18n/en.txt), compiled
 * into arrays indexed by key at build time: a missing key fails the build. */
#ifndef LIS_I18N_H
#define LIS_I18N_H
#include "../../build/i18n_gen.h"

typedef enum { LANG_SV = 0, LANG_EN = 1 } lang_t;

extern const char *const tr_keys[TR__COUNT];
extern const char *const tr_sv[TR__COUNT];
extern const char *const tr_en[TR__COUNT];

static inline const char *tr(lang_t lang, tr_key k)
{
    return lang == LANG_EN ? tr_en[k] : tr_sv[k];
}
static inline const char *lang_code(lang_t lang)
{
    return lang == LANG_EN ? "en" : "sv";
}
/* The text for a count n: key one when n is 1, key many otherwise. Swedish and English
 * both have one singular ("1 klassning ska omprövas", "0 klassningar", "2 klassningar"),
 * so a pair of keys, conventionally named ….one and ….many, each taking n as its %d:
 *   arena_printf(a, tr_plural(lang, TR_sum_n_cls_review_one, TR_sum_n_cls_review_many, n), n) */
static inline const char *tr_plural(lang_t lang, tr_key one, tr_key many, long n)
{
    return tr(lang, n == 1 ? one : many);
}
/* Looks a key up by its name ("unit.kind.forvaltning"); -1 when unknown. */
int tr_find(const char *key);
#endif
