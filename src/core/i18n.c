#include "i18n.h"
#include <string.h>

int tr_find(const char *key)
{
    /* Keys are generated sorted, so a binary search suffices. */
    int lo = 0, hi = TR__COUNT - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(tr_keys[mid], key);
        if (c == 0) return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
