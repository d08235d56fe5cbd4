/* Fuzz target: our table JSON reader (bx_report_from_json), then the
 * analysis, and a round trip: what our writer makes of a report the reader
 * accepted must read back with the same tables. */
#include "fuzz.h"

#include "bx_checks.h"
#include "bx_export.h"
#include "bx_reader.h"

#include <stdlib.h>
#include <string.h>

static void round_trip(const bx_report *report)
{
    char *json = bx_report_to_json(report);
    if (!json)
        bx_fuzz_fail("bx_report_to_json gave NULL");
    bx_report *again = NULL;
    bx_error err;
    if (bx_report_from_json(json, strlen(json), "again.json", &again, &err) != BX_OK)
        bx_fuzz_fail(err.message);
    if (again->n_tables != report->n_tables)
        bx_fuzz_fail("the written JSON reads back with another number of tables");
    bx_report_free(again);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_report *report = NULL;
    bx_error err;
    if (bx_report_from_json((const char *)data, size, "fuzz.json", &report, &err) != BX_OK)
        return 0;
    bx_report_analyze(report);
    round_trip(report);
    bx_report_free(report);
    return 0;
}
