/* fuzz_suppliers - the suppliers' parsers of typed text: the organisationsnummer
 * (orgnr_normalise) and an SLA's availability (availability_normalise), on arbitrary bytes.
 *
 * Besides memory errors it checks what each promises: an accepted organisationsnummer is
 * "NNNNNN-NNNN" with a right Luhn digit and is accepted again as it was written out
 * (normalising is idempotent); an accepted availability is a plain number from 0 to 100
 * with at most three decimals and no trailing zero, also idempotent. */
#include "fuzz_common.h"
#include "../../src/suppliers/suppliers.h"
#include <ctype.h>

static void check_orgnr(const char *s)
{
    char out[12];
    if (!orgnr_normalise(s, out)) return;
    FUZZ_CHECK(strlen(out) == 11 && out[6] == '-', "form %s", out);
    int sum = 0;
    for (int i = 0, k = 0; i < 11; i++) {
        if (i == 6) continue;
        FUZZ_CHECK(isdigit((unsigned char)out[i]), "digit %s", out);
        if (k < 9) {
            int v = (out[i] - '0') * (k % 2 == 0 ? 2 : 1);
            sum += v > 9 ? v - 9 : v;
        } else {
            FUZZ_CHECK((10 - sum % 10) % 10 == out[i] - '0', "luhn %s", out);
        }
        k++;
    }
    char again[12];
    FUZZ_CHECK(orgnr_normalise(out, again) && !strcmp(out, again), "idempotent %s", out);
}

static void check_availability(const char *s)
{
    char out[16];
    if (!availability_normalise(s, out)) return;
    const char *dot = strchr(out, '.');
    FUZZ_CHECK(!dot ||
                   (strlen(dot + 1) >= 1 && strlen(dot + 1) <= 3 && out[strlen(out) - 1] != '0'),
               "decimals %s", out);
    double v = strtod(out, NULL);
    FUZZ_CHECK(v >= 0 && v <= 100, "range %s", out);
    char again[16];
    FUZZ_CHECK(availability_normalise(out, again) && !strcmp(out, again), "idempotent %s", out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    char *s = fuzz_cstr(data, n);
    check_orgnr(s);
    check_availability(s);
    free(s);
    return 0;
}
