/* Unit tests of the management review's kept inputs (src/followup/review_figures.c): a
 * snapshot written when a review is held reads back the same, so the figures
 * kommunstyrelsen read never change; an older or damaged snapshot is read as far as it
 * goes and never invents a figure. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/followup/review_figures.h"

typedef struct parse_case {
    const char *name, *json;
    bool ok;
    int risks_open; /* -1: unknown */
    int findings_open;
} parse_case;

static const parse_case cases[] = {
    {"a whole snapshot",
     "{\"counted_on\":\"2026-12-03\",\"figures\":{\"risks_open\":12,\"findings_open\":3}}", true,
     12, 3},
    {"an older snapshot without audit figures",
     "{\"counted_on\":\"2025-12-01\",\"figures\":{\"risks_open\":9}}", true, 9, -1},
    {"unknown keys are ignored",
     "{\"counted_on\":\"2026-12-03\",\"figures\":{\"risks_open\":1,\"future_figure\":7}}", true, 1,
     -1},
    {"a negative count is not a count",
     "{\"counted_on\":\"2026-12-03\",\"figures\":{\"risks_open\":-4}}", true, -1, -1},
    {"a text is not a count", "{\"counted_on\":\"2026-12-03\",\"figures\":{\"risks_open\":\"12\"}}",
     true, -1, -1},
    {"no day", "{\"figures\":{\"risks_open\":12}}", false, -1, -1},
    {"an impossible day", "{\"counted_on\":\"2026-02-30\",\"figures\":{}}", false, -1, -1},
    {"no figures", "{\"counted_on\":\"2026-12-03\"}", false, -1, -1},
    {"not JSON", "risks_open=12", false, -1, -1},
    {"NULL (a review never held)", NULL, false, -1, -1},
    {"duplicate keys are refused",
     "{\"counted_on\":\"2026-12-03\",\"counted_on\":\"2026-12-04\",\"figures\":{}}", false, -1, -1},
};

static void snapshots_read_as_far_as_they_go(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const parse_case *c = &cases[i];
        review_figures f;
        bool ok = review_figures_parse(c->json, &f);
        if (ok != c->ok) fail_msg("%s: parse said %d", c->name, ok);
        int want[] = {c->risks_open, c->findings_open};
        review_figure which[] = {RF_RISKS_OPEN, RF_FINDINGS_OPEN};
        for (int k = 0; k < 2; k++) {
            if (f.known[which[k]] != (want[k] >= 0))
                fail_msg("%s: figure %d known=%d", c->name, which[k], f.known[which[k]]);
            if (want[k] >= 0 && f.value[which[k]] != want[k])
                fail_msg("%s: figure %d is %d, want %d", c->name, which[k], f.value[which[k]],
                         want[k]);
        }
    }
}

/* every figure has its own key and a section, so none is lost from the snapshot or the page */
static void every_figure_has_a_key_of_its_own(void **state)
{
    (void)state;
    for (int i = 0; i < RF__COUNT; i++) {
        assert_non_null(review_figure_infos[i].key);
        assert_true(review_figure_infos[i].label != 0);
        assert_true(review_figure_infos[i].section < RS__COUNT);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(review_figure_infos[i].key, review_figure_infos[j].key);
    }
}

/* The goals of the year's handlingsplan in a snapshot: each read whole or not at all, and
 * the previous review's found by the same words. */
static void goals_read_whole_or_not_at_all(void **state)
{
    (void)state;
    review_figures f;
    assert_true(review_figures_parse(
        "{\"counted_on\":\"2026-12-03\",\"figures\":{},\"goals\":["
        "{\"goal\":\"Alla system klassade\",\"total\":4,\"done\":1,\"late\":2},"
        "{\"goal\":\"MFA f\u00f6r alla\",\"total\":2,\"done\":3,\"late\":0},"
        "{\"goal\":\"Utbildad ledning\",\"total\":1,\"done\":1},"
        "{\"goal\":7,\"total\":1,\"done\":1,\"late\":0},"
        "{\"goal\":\"Incidentrutin\",\"total\":3,\"done\":0,\"late\":-1},"
        "{\"goal\":\"\u00d6vning\",\"total\":1,\"done\":0,\"late\":0}]}",
        &f));
    assert_int_equal(f.ngoals, 2); /* done above total, no late, no text, a negative: out */
    assert_string_equal(f.goals[0].goal, "Alla system klassade");
    assert_int_equal(f.goals[0].total, 4);
    assert_int_equal(f.goals[0].done, 1);
    assert_int_equal(f.goals[0].late, 2);
    assert_non_null(review_goal_find(&f, "\xc3\x96vning"));
    assert_null(review_goal_find(&f, "MFA f\xc3\xb6r alla"));
    /* an older snapshot has no goals */
    assert_true(review_figures_parse("{\"counted_on\":\"2025-12-01\",\"figures\":{}}", &f));
    assert_int_equal(f.ngoals, 0);
    assert_null(review_goal_find(&f, "Alla system klassade"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(goals_read_whole_or_not_at_all),
        cmocka_unit_test(snapshots_read_as_far_as_they_go),
        cmocka_unit_test(every_figure_has_a_key_of_its_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
