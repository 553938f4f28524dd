/* view.h - what a compiled view (views/NAME.html, compiled to build/views_gen.c) may use. */
#ifndef LIS_VIEW_H
#define LIS_VIEW_H
#include "../auth/auth.h"
#include "../classification/classification.h"
#include "../core/buf.h"
#include "../core/escape.h"
#include "../core/i18n.h"
#include <string.h>
#endif
