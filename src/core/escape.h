/* escape.h - output escaping, done once, here (after cgit's html.c).
 * Views never escape by hand: the template compiler picks one of these by context. */
#ifndef LIS_ESCAPE_H
#define LIS_ESCAPE_H
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>

void esc_html(buf *out, const char *s);          /* text and quoted attribute values */
void esc_url_attr(buf *out, const char *s);      /* href/src/action: refuses javascript: etc. */
void esc_url_component(buf *out, const char *s); /* a query-string value */
void esc_json_string(buf *out, const char *s);   /* with the quotes */
void esc_csv_field(buf *out, const char *s, char sep); /* quotes when needed, defuses formulas */

/* True when s[0..n) is well-formed UTF-8 without NUL or C0 controls other than
 * tab, CR and LF. */
bool utf8_valid(const char *s, size_t n);
/* Number of code points; counts what a user calls characters for length limits. */
size_t utf8_length(const char *s);

#endif
