/* Unit tests of gap_title (src/requirements/assess.c): the title a gap's "Skapa åtgärd"
 * button gives the new action — the requirement's code and its first sentence, cut at a
 * word so the handlingsplan reads as a list. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/requirements/assessment.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

typedef struct title_case {
    const char *name, *code, *text, *expected;
} title_case;

static const title_case cases[] = {
    {"a short sentence whole", "BAK-01", "Säkerhetskopior ska tas dagligen.",
     "BAK-01: Säkerhetskopior ska tas dagligen"},
    {"only the first sentence", "ÅTK-03",
     "Behörigheter ska ses över minst en gång per år. Översynen dokumenteras.",
     "ÅTK-03: Behörigheter ska ses över minst en gång per år"},
    {"a clause ends at a semicolon", "LOG-02",
     "Loggar sparas i sex månader; de skyddas mot ändring", "LOG-02: Loggar sparas i sex månader"},
    {"a long sentence cut at a word, with an ellipsis", "DOK-01",
     "Det ska finnas en av kommunfullmäktige beslutad informationssäkerhetspolicy som omfattar "
     "hela kommunkoncernen och som ses över årligen",
     "DOK-01: Det ska finnas en av kommunfullmäktige beslutad informationssäkerhetspolicy "
     "som…"},
    {"å, ä and ö count as one character each", "X-1",
     "Åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö",
     "X-1: Åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö åäö…"},
    {"no text", "X-2", "", "X-2: "},
};

static void test_titles(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        arena a;
        arena_init(&a, 0);
        const char *got = gap_title(&a, cases[i].code, cases[i].text);
        if (strcmp(got, cases[i].expected) != 0)
            fail_msg("%s: \"%s\", expected \"%s\"", cases[i].name, got, cases[i].expected);
        arena_free(&a);
    }
}

/* answer_stricter (src/requirements/org.c): which of the objects' answers becomes the
 * tenant's when a requirement becomes organisation-wide. */
typedef struct strict_case {
    const char *name, *status, *updated, *than, *than_updated;
    bool stricter;
} strict_case;

static const strict_case strict_cases[] = {
    {"not met before met", "not_met", "2025-01-01", "met", "2026-01-01", true},
    {"partly before met", "partly", "2025-01-01", "met", "2026-01-01", true},
    {"met is not before partly", "met", "2026-01-01", "partly", "2025-01-01", false},
    {"met before not applicable", "met", "2025-01-01", "na", "2026-01-01", true},
    {"the later on a tie", "partly", "2026-02-01", "partly", "2026-01-01", true},
    {"not the earlier on a tie", "partly", "2025-02-01", "partly", "2026-01-01", false},
    {"an unknown status is the weakest", "maybe", "2026-02-01", "na", "2025-01-01", false},
};

static void the_strictest_answer_is_carried(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(strict_cases); i++) {
        const strict_case *c = &strict_cases[i];
        if (answer_stricter(c->status, c->updated, c->than, c->than_updated) != c->stricter)
            fail_msg("%s", c->name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_titles),
                                       cmocka_unit_test(the_strictest_answer_is_carried)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
