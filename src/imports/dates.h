/* dates.h - the dates imported files carry, read one way for every import: the ISO forms
 * Swedish exports write (2026-12-31, the same with a time after it, 20261231) and the
 * serial numbers an Excel date cell holds (days since the workbook's epoch: the 1900
 * system, with Lotus's 29 February 1900 that never was, or the 1904 system a workbook
 * marks with date1904). Forms whose order is a guess (31/12/2026 or 12/31/2026,
 * 05/06/2026) are refused, never guessed. Pure. */
#ifndef LIS_IMPORT_DATES_H
#define LIS_IMPORT_DATES_H
#include <stdbool.h>

/* The date of Excel serial day days (the whole days of a cell's number): 1900 system from
 * 61 (1900-03-01; before it Excel counts a day that never was), 1904 system from 0
 * (1904-01-01), both up to 2999-12-31 (the years lis keeps, date_valid). false when out
 * of range. */
bool import_excel_date(long days, bool date1904, char out[11]);

/* A cell's text as an Excel serial in the 1900 system (digits, perhaps a fraction: a time
 * of day, ignored): its date; false when the text is no such number. For files where a
 * date cell's number came through without its format (a CSV saved from Excel). */
bool import_excel_serial(const char *cell, char out[11]);

/* A date as exports write it: YYYY-MM-DD; the same with a time after a space or T
 * ("2026-12-31 00:00:00", "2026-12-31T00:00:00Z"), the time ignored; or YYYYMMDD. The
 * date must be one the calendar has. false otherwise (and for NULL). */
bool import_date(const char *cell, char out[11]);

#endif
