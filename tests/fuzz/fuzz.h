/* tests/fuzz: libFuzzer entry points. Each fuzz_*.c defines the one entry
 * libFuzzer calls; replay.c calls the same entry for saved inputs (seeds
 * and regressions) in the normal build, so a crash once found stays fixed. */
#ifndef BX_FUZZ_H
#define BX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A harness's own check failed: says what, then aborts, which libFuzzer
 * and the replay test both report as a finding. */
void bx_fuzz_fail(const char *what);

#endif
