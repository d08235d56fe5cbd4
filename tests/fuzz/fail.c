/* The harnesses' failure, shared by the libFuzzer and the replay builds. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

void bx_fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz check failed: %s\n", what);
    abort();
}
