/* matrix.c - risk ratings: level bands and mapping between matrix sizes (see matrix.h). */
#include "matrix.h"
#include <string.h>

const risk_matrix matrix_default = {MATRIX_DEFAULT_LEVELS, MATRIX_DEFAULT_LEVELS};

static bool size_valid(int n)
{
    return n >= MATRIX_MIN_LEVELS && n <= MATRIX_MAX_LEVELS;
}

bool matrix_valid(risk_matrix m)
{
    return size_valid(m.likelihoods) && size_valid(m.consequences);
}

bool matrix_rating_valid(risk_matrix m, int likelihood, int consequence)
{
    return matrix_valid(m) && likelihood >= 1 && likelihood <= m.likelihoods && consequence >= 1 &&
           consequence <= m.consequences;
}

risk_level matrix_level(risk_matrix m, int likelihood, int consequence)
{
    if (!matrix_rating_valid(m, likelihood, consequence)) return LEVEL_INVALID;
    /* share = l·c / (L·C), compared with k/16 in integers: l·c·16 ≤ k·L·C */
    long score = (long)likelihood * consequence * 16, max = (long)m.likelihoods * m.consequences;
    if (score <= 3 * max) return LEVEL_LOW;
    if (score <= 6 * max) return LEVEL_MEDIUM;
    if (score <= 9 * max) return LEVEL_HIGH;
    return LEVEL_VERY_HIGH;
}

static const char *const level_codes[LEVEL__COUNT] = {"low", "medium", "high", "very_high"};

const char *risk_level_code(risk_level level)
{
    return level >= 0 && level < LEVEL__COUNT ? level_codes[level] : NULL;
}

risk_level risk_level_from_code(const char *code)
{
    for (int i = 0; code && i < LEVEL__COUNT; i++)
        if (strcmp(level_codes[i], code) == 0) return (risk_level)i;
    return LEVEL_INVALID;
}

tr_key risk_level_label(risk_level level)
{
    static const tr_key labels[LEVEL__COUNT] = {TR_risk_level_low, TR_risk_level_medium,
                                                TR_risk_level_high, TR_risk_level_very_high};
    return level >= 0 && level < LEVEL__COUNT ? labels[level] : TR_risk_level_none;
}

int matrix_map_rating(int value, int from, int to)
{
    if (!size_valid(from) || !size_valid(to) || value < 1 || value > from) return 0;
    /* 1 + round((v−1)·(to−1)/(from−1)), halves upwards, in integers */
    return 1 + ((value - 1) * (to - 1) * 2 + (from - 1)) / (2 * (from - 1));
}

tr_key matrix_likelihood_label(int n, int value)
{
    static const tr_key three[] = {TR_risk_l3_1, TR_risk_l3_2, TR_risk_l3_3};
    static const tr_key four[] = {TR_risk_l4_1, TR_risk_l4_2, TR_risk_l4_3, TR_risk_l4_4};
    static const tr_key five[] = {TR_risk_l5_1, TR_risk_l5_2, TR_risk_l5_3, TR_risk_l5_4,
                                  TR_risk_l5_5};
    if (value < 1 || value > n) return 0;
    return n == 3 ? three[value - 1] : n == 4 ? four[value - 1] : n == 5 ? five[value - 1] : 0;
}

tr_key matrix_consequence_label(int n, int value)
{
    static const tr_key three[] = {TR_risk_c3_1, TR_risk_c3_2, TR_risk_c3_3};
    static const tr_key four[] = {TR_risk_c4_1, TR_risk_c4_2, TR_risk_c4_3, TR_risk_c4_4};
    static const tr_key five[] = {TR_risk_c5_1, TR_risk_c5_2, TR_risk_c5_3, TR_risk_c5_4,
                                  TR_risk_c5_5};
    if (value < 1 || value > n) return 0;
    return n == 3 ? three[value - 1] : n == 4 ? four[value - 1] : n == 5 ? five[value - 1] : 0;
}

const char *const matrix_default_colours[LEVEL__COUNT] = {"#d9f2d0", "#fff0b3", "#ffd1a1",
                                                          "#f6b3ad"};

static int hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

bool matrix_colour_valid(const char *s)
{
    if (!s || s[0] != '#' || strlen(s) != 7) return false;
    for (int i = 1; i < 7; i++)
        if (hex(s[i]) < 0) return false;
    return true;
}

/* the fifth root by Newton's method (0 < a ≤ 1): keeps this file free of libm */
static double root5(double a)
{
    double y = 1;
    for (int i = 0; i < 40; i++)
        y -= (y * y * y * y * y - a) / (5 * y * y * y * y);
    return y;
}

/* one sRGB channel, linearised (WCAG 2): ((c + 0.055) / 1.055)^2.4, x^2.4 = x² · (x²)^(1/5) */
static double channel(const char *two)
{
    double c = (hex(two[0]) * 16 + hex(two[1])) / 255.0;
    if (c <= 0.03928) return c / 12.92;
    double x = (c + 0.055) / 1.055, x2 = x * x;
    return x2 * root5(x2);
}

double matrix_luminance(const char *colour)
{
    if (!matrix_colour_valid(colour)) return -1;
    return 0.2126 * channel(colour + 1) + 0.7152 * channel(colour + 3) +
           0.0722 * channel(colour + 5);
}

double matrix_contrast(const char *a, const char *b)
{
    double la = matrix_luminance(a), lb = matrix_luminance(b);
    if (la < 0 || lb < 0) return 0;
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

const char *matrix_text_colour(const char *background)
{
    static const char *const dark = "#000000", *const light = "#ffffff";
    if (!matrix_colour_valid(background)) return dark;
    return matrix_contrast(dark, background) >= matrix_contrast(light, background) ? dark : light;
}

bool matrix_label_valid(const char *s)
{
    if (!s) return false;
    int chars = 0;
    bool visible = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) return false;
        if ((*p & 0xc0) != 0x80) chars++; /* a character starts here */
        if (*p != ' ') visible = true;
    }
    return visible && chars <= MATRIX_LABEL_MAX;
}

bool matrix_labels_apply(int stored, int size)
{
    return size_valid(size) && stored == size;
}
