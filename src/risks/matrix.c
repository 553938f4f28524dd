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
