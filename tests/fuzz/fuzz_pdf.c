/* Fuzz target: the reader from memory, as a binding or standard input
 * reaches it: bx_report_open_data tells the input apart by content (the
 * seeds are PDFs, so mostly Poppler and the grid search), then analyses. */
#include "fuzz.h"

#include "bx_reader.h"

/* Memory grows with the input (a text dump costs tens of bytes per byte):
 * the CLI's own kind of limit keeps one input from exhausting the fuzzer. */
#define FUZZ_MAX_SIZE (1u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_open_options opt = {.max_size = FUZZ_MAX_SIZE};
    bx_report *report = NULL;
    bx_error err;
    if (bx_report_open_data((const char *)data, size, "fuzz.pdf", &opt, &report, &err) == BX_OK)
        bx_report_free(report);
    return 0;
}
