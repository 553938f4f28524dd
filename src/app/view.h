/* view.h - what a compiled view (views/NAME.html, compiled to build/views_gen.c) may use.
 * Views see every area, so this sits in the composition root. */
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
