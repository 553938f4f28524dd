/* diff.c - what changed in a document's text between two versions, line by line: the
 * longest common subsequence of the lines, after the unchanged start and end are set
 * aside (a policy's revision changes a few paragraphs, so the table stays small). The
 * table is bounded: a middle of more than DIFF_MAX_CELLS line pairs is not compared. */
#include "documents.h"
#include <stdint.h>
#include <string.h>

enum { DIFF_MAX_CELLS = 1000 * 1000 };

/* text's lines into *lines (without newlines; a final newline adds no empty line);
 * the count, or -1 when more than DIFF_MAX_LINES */
static int split_lines(arena *a, const char *text, const char ***lines)
{
    int n = 0;
    for (const char *p = text; p && *p; n++) {
        const char *nl = strchr(p, '\n');
        if (!nl) {
            n++;
            break;
        }
        p = nl + 1;
    }
    if (n > DIFF_MAX_LINES) return -1;
    *lines = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
    int i = 0;
    for (const char *p = text; p && *p && i < n; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r') len--; /* a textarea sends CRLF */
        (*lines)[i] = arena_strndup(a, p, len);
        p = nl ? nl + 1 : p + strlen(p);
    }
    return i;
}

int diff_lines(arena *a, const char *old, const char *new_text, diff_line **out)
{
    const char **x = NULL, **y = NULL;
    int n = split_lines(a, old, &x), m = split_lines(a, new_text, &y);
    if (n < 0 || m < 0) return -1;
    int head = 0, tail = 0;
    while (head < n && head < m && !strcmp(x[head], y[head]))
        head++;
    while (tail < n - head && tail < m - head && !strcmp(x[n - 1 - tail], y[m - 1 - tail]))
        tail++;
    int xn = n - head - tail, yn = m - head - tail;
    if ((int64_t)(xn + 1) * (yn + 1) > DIFF_MAX_CELLS) return -1;
    /* lcs[i][j]: the common length of x[head+i..] and y[head+j..] */
    uint16_t *lcs = arena_alloc(a, sizeof(uint16_t) * (size_t)(xn + 1) * (size_t)(yn + 1));
    *out = arena_alloc(a, sizeof(diff_line) * (size_t)(n + m + 1));
    if (!lcs || !*out) return -1;
#define L(i, j) lcs[(size_t)(i) * (size_t)(yn + 1) + (size_t)(j)]
    for (int i = xn; i >= 0; i--)
        for (int j = yn; j >= 0; j--) {
            if (i == xn || j == yn)
                L(i, j) = 0;
            else if (!strcmp(x[head + i], y[head + j]))
                L(i, j) = (uint16_t)(L(i + 1, j + 1) + 1);
            else
                L(i, j) = L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
        }
    int k = 0;
    for (int i = 0; i < head; i++)
        (*out)[k++] = (diff_line){DIFF_SAME, x[i]};
    int i = 0, j = 0;
    while (i < xn || j < yn) {
        if (i < xn && j < yn && !strcmp(x[head + i], y[head + j])) {
            (*out)[k++] = (diff_line){DIFF_SAME, x[head + i]};
            i++, j++;
        } else if (i < xn && (j == yn || L(i + 1, j) >= L(i, j + 1))) {
            /* a changed line reads as the old one removed, then the new one added */
            (*out)[k++] = (diff_line){DIFF_REMOVED, x[head + i++]};
        } else {
            (*out)[k++] = (diff_line){DIFF_ADDED, y[head + j++]};
        }
    }
#undef L
    for (int t = n - tail; t < n; t++)
        (*out)[k++] = (diff_line){DIFF_SAME, x[t]};
    return k;
}
