/* Fuzz target: the text-dump reader as bx_report_open_data reaches it
 * (bytes decoded to UTF-8, the tables rebuilt, then analysed). */
#include "fuzz.h"

#include "bx_checks.h"
#include "bx_normalize.h"
#include "bx_textdump.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    bx_error err;
    if (bx_text_decode((const char *)data, size, &text, &err) != BX_OK)
        return 0;
    bx_report *report = NULL;
    if (bx_report_from_text(text, "fuzz.txt", &report, &err) == BX_OK) {
        bx_report_analyze(report);
        bx_report_free(report);
    }
    free(text);
    return 0;
}
