/* The report as JSON in one call, for language bindings (python/budgetx).
 *
 * A binding that mirrored bx_report's structs would break whenever a field
 * moves; the table JSON is the documented, stable form (doc/FORMAT.md), so
 * bindings receive that and keep nothing of ours to free later. */
#include "bx_export.h"
#include "bx_reader.h"

#include <stdlib.h>

bx_status bx_open_json(const char *path, const char *pages, const char *password, char **json,
                       bx_error *err)
{
    *json = NULL;
    if (!path)
        return bx_error_set(err, BX_ERR_USAGE, "no input path");
    bx_page_set set = {0};
    char why[160];
    if (pages && !bx_page_set_parse(pages, &set, why, sizeof why))
        return bx_error_set(err, BX_ERR_USAGE, "%s: pages: %s", path, why);
    bx_open_options opt = {.password = password, .pages = pages ? &set : NULL};
    bx_report *report = NULL;
    bx_status s = bx_report_open_with(path, &opt, &report, err);
    bx_page_set_free(&set);
    if (s != BX_OK)
        return s;
    /* as the CLI: a readable input without a titled table is its own status */
    if (report->n_tables == 0) {
        bx_report_free(report);
        return bx_error_set(err, BX_ERR_NO_TABLES, "%s: %s", path, bx_strerror(BX_ERR_NO_TABLES));
    }
    *json = bx_report_to_json(report);
    bx_report_free(report);
    return BX_OK;
}

void bx_free(void *p)
{
    free(p);
}
