/* orgnr.c - the Swedish organisationsnummer: ten digits, the last a Luhn check digit over
 * the nine before it (Skatteverket, SKV 709). Bolagsverket writes it "556677-8899"; lists
 * from other systems drop the hyphen or add the century-like "16" prefix. */
#include "suppliers.h"
#include <string.h>

bool orgnr_normalise(const char *in, char out[12])
{
    char digits[13];
    int n = 0, hyphens = 0;
    for (const char *p = in; p && *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n == 12) return false;
            digits[n++] = *p;
        } else if (*p == '-') {
            if (++hyphens > 1) return false;
        } else if (*p != ' ') {
            return false;
        }
    }
    const char *d = digits;
    if (n == 12) {
        if (digits[0] != '1' || digits[1] != '6') return false;
        d += 2;
    } else if (n != 10) {
        return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    if ((10 - sum % 10) % 10 != d[9] - '0') return false;
    memcpy(out, d, 6);
    out[6] = '-';
    memcpy(out + 7, d + 6, 4);
    out[11] = '\0';
    return true;
}
