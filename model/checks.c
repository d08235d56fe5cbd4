#include "model_private.h"
void bx_checks_run(bx_report *r) { (void)r; }
