/* Unit tests of origin_text_items (src/entity/origin.c): how an incident's lessons
 * learned or a continuity test's findings are cut into items, each of which gets its
 * own "create risk/action" button. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/entity/origin.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

typedef struct items_case {
    const char *name, *text;
    int max;
    const char *expected[5];
} items_case;

static const items_case cases[] = {
    {"nothing", "", 5, {NULL}},
    {"NULL", NULL, 5, {NULL}},
    {"only blank lines", "\n  \n\t\n", 5, {NULL}},
    {"one line", "Testa återläsning.", 5, {"Testa återläsning."}},
    {"a paragraph over lines is one item",
     "Första raden\nfortsätter här.",
     5,
     {"Första raden fortsätter här."}},
    {"blank lines part paragraphs", "Ett.\n\nTvå.\n", 5, {"Ett.", "Två."}},
    {"dashes", "- Ett\n- Två\n  fortsättning", 5, {"Ett", "Två fortsättning"}},
    {"stars, bullets and en dashes",
     "* Ett\n\xE2\x80\xA2 Två\n\xE2\x80\x93 Tre",
     5,
     {"Ett", "Två", "Tre"}},
    {"numbers with a dot or a parenthesis", "1. Ett\n2) Två\n10. Tio", 5, {"Ett", "Två", "Tio"}},
    {"a number without a space is text", "2026 års test:\n- Ett", 5, {"2026 års test:", "Ett"}},
    {"Windows line ends", "- Ett\r\n- Två\r\n", 5, {"Ett", "Två"}},
    {"at most max", "- 1\n- 2\n- 3", 2, {"1", "2"}},
};

static void test_items(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        arena a;
        arena_init(&a, 0);
        const char *items[5] = {0};
        int n = origin_text_items(&a, cases[i].text, items, cases[i].max);
        int expected = 0;
        while (expected < 5 && cases[i].expected[expected])
            expected++;
        if (n != expected) fail_msg("%s: %d items, expected %d", cases[i].name, n, expected);
        for (int k = 0; k < n; k++)
            if (strcmp(items[k], cases[i].expected[k]) != 0)
                fail_msg("%s: item %d is \"%s\", expected \"%s\"", cases[i].name, k, items[k],
                         cases[i].expected[k]);
        arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_items)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
