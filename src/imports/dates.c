/* dates.c - see dates.h. */
#include "dates.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* the last day Excel has, 9999-12-31, in either system (lis keeps dates to 2999: the
 * date is checked as well) */
enum { SERIAL_MAX_1900 = 2958465, SERIAL_MAX_1904 = 2957003 };

bool import_excel_date(long days, bool date1904, char out[11])
{
    if (date1904) {
        if (days < 0 || days > SERIAL_MAX_1904) return false;
        return date_add_days("1904-01-01", (int)days, out);
    }
    /* day 1 is 1900-01-01 and day 60 the 29 February 1900 Lotus 1-2-3 counted (Excel keeps
     * it for compatibility): from day 61 on, day n is 1899-12-30 plus n */
    if (days < 61 || days > SERIAL_MAX_1900) return false;
    return date_add_days("1900-01-01", (int)days - 2, out);
}

bool import_excel_serial(const char *cell, char out[11])
{
    if (!cell) return false;
    size_t digits = strspn(cell, "0123456789");
    if (digits < 1 || digits > 7) return false;
    if (cell[digits] == '.') {
        const char *fraction = cell + digits + 1;
        if (fraction[strspn(fraction, "0123456789")]) return false;
    } else if (cell[digits]) {
        return false;
    }
    return import_excel_date(strtol(cell, NULL, 10), false, out);
}

bool import_date(const char *cell, char out[11])
{
    if (!cell) return false;
    size_t n = strlen(cell);
    char d[11];
    if (n == 8 && strspn(cell, "0123456789") == 8) {
        /* YYYYMMDD: eight digits are never a serial (those end at seven) */
        memcpy(d, cell, 4);
        d[4] = '-';
        memcpy(d + 5, cell + 4, 2);
        d[7] = '-';
        memcpy(d + 8, cell + 6, 2);
        d[10] = 0;
    } else if (n >= 10 && (n == 10 || ((cell[10] == ' ' || cell[10] == 'T') &&
                                       strspn(cell + 11, "0123456789:.,Z+-") == n - 11))) {
        memcpy(d, cell, 10);
        d[10] = 0;
    } else {
        return false;
    }
    if (!date_valid(d)) return false;
    memcpy(out, d, 11);
    return true;
}
