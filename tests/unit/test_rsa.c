/* Unit tests of the RSA's chapters: which are written (a chapter of spaces and line breaks
 * is empty, as a handläggare would see it), and that the chapter table follows the
 * descriptor — each chapter a long text of the rsa kind, in MSBFS 2015:5's order, once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/continuity/continuity.h"

static void nothing_written_is_empty(void **state)
{
    (void)state;
    assert_true(rsa_text_empty(NULL));
    assert_true(rsa_text_empty(""));
    assert_true(rsa_text_empty("  \n\r\n\t "));
    assert_false(rsa_text_empty(" x "));
    assert_false(rsa_text_empty("Å"));
}

/* One situation: the chapters' texts, which are written, how many. */
static const struct written_case {
    const char *name;
    const char *texts[RSA_CHAPTERS];
    bool filled[RSA_CHAPTERS];
    int written;
} written_cases[] = {
    {"a new RSA", {NULL}, {false}, 0},
    {"the description only", {"Exempelkommun har 24 000 invånare."}, {true}, 1},
    {"blank lines do not count",
     {"Beskrivning", "\n\n", NULL, "Beroenden", "  ", "Brister"},
     {true, false, false, true, false, true},
     3},
    {"every chapter",
     {"1", "2", "3", "4", "5", "6", "7", "8"},
     {true, true, true, true, true, true, true, true},
     8},
};

static void chapters_written_by_situation(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof written_cases / sizeof written_cases[0]; c++) {
        const struct written_case *w = &written_cases[c];
        bool filled[RSA_CHAPTERS];
        int n = rsa_chapters_written(w->texts, filled);
        if (n != w->written) fail_msg("%s: %d written, expected %d", w->name, n, w->written);
        for (int i = 0; i < RSA_CHAPTERS; i++)
            if (filled[i] != w->filled[i]) fail_msg("%s: chapter %d", w->name, i + 1);
    }
}

static void chapters_are_the_descriptors_long_texts_in_order(void **state)
{
    (void)state;
    static const char *const msbfs_order[RSA_CHAPTERS] = {
        "ch_area",  "ch_method",     "ch_critical", "ch_dependencies",
        "ch_risks", "ch_weaknesses", "ch_measures", "ch_capability",
    };
    for (int i = 0; i < RSA_CHAPTERS; i++) {
        assert_string_equal(rsa_chapters[i].field, msbfs_order[i]);
        int f = entity_field_index(&entity_rsa, rsa_chapters[i].field);
        assert_true(f >= 0);
        assert_int_equal(entity_rsa.fields[f].type, FT_LONGTEXT);
        assert_int_equal(entity_rsa.fields[f].label, rsa_chapters[i].label);
        assert_true(entity_rsa.fields[f].flags & F_FORM);
    }
    /* the chapters with live data have a table each, and no table twice */
    int seen[RSA_TABLE__COUNT] = {0};
    for (int i = 0; i < RSA_CHAPTERS; i++)
        if (rsa_chapters[i].table != RSA_TABLE_NONE) seen[rsa_chapters[i].table]++;
    for (int t = RSA_TABLE_NONE + 1; t < RSA_TABLE__COUNT; t++)
        assert_int_equal(seen[t], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_written_is_empty),
        cmocka_unit_test(chapters_written_by_situation),
        cmocka_unit_test(chapters_are_the_descriptors_long_texts_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
