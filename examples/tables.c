/* Prints each table of a budget report: its title, body rows and total
 * (the first amount of its first totals row, as printed; "-" when none).
 * Build: cc tables.c $(pkg-config --cflags --libs budgetx) -o tables */
#include <budgetx.h>
#include <stdio.h>

static const char *total_of(const bx_table *t)
{
    for (size_t i = 0; i < t->n_records; i++)
        for (size_t v = 0; t->records[i].is_total && v < t->records[i].n_values; v++)
            if (t->records[i].values[v].has_amount)
                return t->records[i].values[v].text;
    return "-";
}

int main(int argc, char **argv)
{
    bx_report *report;
    bx_error err;
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPORT.pdf\n", argv[0]);
        return 1;
    }
    if (bx_report_open(argv[1], 0, &report, &err) != BX_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    for (size_t i = 0; i < report->n_tables; i++) {
        const bx_table *t = report->tables[i];
        printf("%s\t%zu\t%s\n", t->title, t->n_rows, total_of(t));
    }
    bx_report_free(report);
    return 0;
}
