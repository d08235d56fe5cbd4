#ifndef BUDGETX_H
#define BUDGETX_H
#include "bx_version.h"
#include "bx_common.h"
#include "bx_extract.h"
#include "bx_normalize.h"
#include "bx_model.h"
#include "bx_export.h"
#endif
