/* matrix.h - rating a risk on a likelihood × consequence matrix, as pure functions.
 *
 * A matrix has L likelihood levels (sannolikhet) and C consequence levels (konsekvens),
 * each numbered from 1; the default is 4×4. A rating (l, c) falls into one of four level
 * bands by its share of the matrix's largest product, l·c / (L·C):
 *
 *     share ≤ 3/16         låg         (4×4: 1, 2, 3)
 *     share ≤ 6/16         medel       (4×4: 4, 6)
 *     share ≤ 9/16         hög         (4×4: 8, 9)
 *     above                mycket hög  (4×4: 12, 16)
 *
 * so the bands keep their meaning on any size (5×5: 1–4 låg, 5–9 medel, 10–12 hög,
 * 15–25 mycket hög).
 *
 * When a tenant changes the size of its matrix, every stored rating is moved with
 * matrix_map_rating: level v keeps its relative place between the first and the last
 * level, (v−1)/(from−1), rounded to the nearest level of the new scale, a half upwards
 * (the more cautious choice). The first and last levels stay first and last, the order of
 * ratings is kept, a larger scale keeps distinct levels distinct, and mapping to the same
 * size changes nothing: no rating is lost or falls outside the matrix. 4 → 5 maps
 * 1, 2, 3, 4 to 1, 2, 4, 5; 5 → 4 maps 1, 2, 3, 4, 5 to 1, 2, 3, 3, 4.
 *
 * Sizes run from 3 to 9 levels: on smaller matrices even the lowest cell would not be
 * "låg". */
#ifndef LIS_RISK_MATRIX_H
#define LIS_RISK_MATRIX_H
#include "../core/i18n.h"
#include <stdbool.h>

enum { MATRIX_MIN_LEVELS = 3, MATRIX_MAX_LEVELS = 9, MATRIX_DEFAULT_LEVELS = 4 };

typedef struct risk_matrix {
    int likelihoods, consequences;
} risk_matrix;

typedef enum risk_level {
    LEVEL_INVALID = -1,
    LEVEL_LOW,
    LEVEL_MEDIUM,
    LEVEL_HIGH,
    LEVEL_VERY_HIGH,
    LEVEL__COUNT
} risk_level;

extern const risk_matrix matrix_default;

bool matrix_valid(risk_matrix m);
bool matrix_rating_valid(risk_matrix m, int likelihood, int consequence);
/* LEVEL_INVALID when the rating lies outside the matrix */
risk_level matrix_level(risk_matrix m, int likelihood, int consequence);
/* "low", "medium", "high", "very_high" (stored and used in URLs); NULL when invalid */
const char *risk_level_code(risk_level level);
risk_level risk_level_from_code(const char *code);
tr_key risk_level_label(risk_level level);
/* Level `value` of a scale of `from` levels moved onto a scale of `to` levels; 0 when
 * value or a size is out of range. */
int matrix_map_rating(int value, int from, int to);
/* The label of a likelihood or consequence level on a scale of n levels (sizes 3, 4 and
 * 5 have names); 0 for other sizes, where the number is the label. */
tr_key matrix_likelihood_label(int n, int value);
tr_key matrix_consequence_label(int n, int value);

/* A tenant's own words for its matrix (labels.c loads them): the name of each likelihood
 * and consequence step and of each level, and each level's colour. Steps are kept with
 * the size they were written for: after a size change an axis whose size is unchanged
 * keeps its names, the other falls back to the defaults (a name per step of a size that
 * no longer exists would be meaningless). */
enum { MATRIX_LABEL_MAX = 40 };
/* The default colours of the levels (låg … mycket hög). */
extern const char *const matrix_default_colours[LEVEL__COUNT];
/* "#rrggbb" (hex digits, either case) */
bool matrix_colour_valid(const char *s);
/* WCAG 2 relative luminance of a valid colour, 0 (black) … 1 (white); -1 when invalid. */
double matrix_luminance(const char *colour);
/* WCAG 2 contrast ratio of two valid colours, 1 … 21; 0 when either is invalid. */
double matrix_contrast(const char *a, const char *b);
/* The text colour for a background: black or white, whichever contrasts more
 * (always at least 4.5:1, so text on any level colour stays readable). */
const char *matrix_text_colour(const char *background);
/* A step's or level's name: 1 to MATRIX_LABEL_MAX characters of UTF-8 text without
 * control characters, not only spaces. */
bool matrix_label_valid(const char *s);
/* Whether names written for an axis of `stored` steps still apply to `size` steps. */
bool matrix_labels_apply(int stored, int size);
#endif
