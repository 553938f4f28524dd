/* view.h - what the bodies of compiled views (views/NAME.html, compiled to build/views_gen.c)
 * may use. Views see every area, so this sits in the composition root. A C file never
 * includes it: it includes build/views/NAME.h for each view it calls, which names only the
 * view's argument types (and so the areas scripts/include-graph.sh checks). */
#ifndef LIS_VIEW_H
#define LIS_VIEW_H
#include "nav.h"
#include "../auth/auth.h"
#include "../classification/classification.h"
#include "../documents/documents.h"
#include "../dashboard/figures.h"
#include "../entity/todo.h"
#include "../core/buf.h"
#include "../core/escape.h"
#include "../core/i18n.h"
#include <string.h>
#endif
