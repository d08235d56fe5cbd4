/* budgetx merge: SQLite datasets made apart (batch --shard K/N) into one. */
#include "bx_export.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: budgetx merge OUT.sqlite SHARD.sqlite...\n"
    "\n"
    "Puts the documents, checks and failures of each SHARD (the dataset of one\n"
    "share of a batch split K/N, or any other) into OUT, created when missing:\n"
    "each shard in one transaction, its rows renumbered. A document OUT holds\n"
    "already (same SHA-256) is left as it is. The shards are only read.\n"
    "\n"
    "exit status: 0 every shard merged, 2 a shard is missing or not a dataset\n"
    "(the others are merged), 1 usage\n";

int bx_cmd_merge(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    for (int c; (c = getopt_long(argc, argv, "h", opts, NULL)) != -1;) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return BX_EXIT_OK;
        }
        return bx_cli_usage_error("merge", "unknown option");
    }
    if (argc - optind < 2)
        return bx_cli_usage_error("merge", "needs OUT.sqlite and at least one SHARD.sqlite");
    const char *out = argv[optind];
    int rc = BX_EXIT_OK;
    for (int i = optind + 1; i < argc; i++) {
        if (strcmp(argv[i], out) == 0)
            return bx_cli_usage_error("merge", "%s is OUT: a dataset is not merged into itself",
                                      out);
    }
    for (int i = optind + 1; i < argc; i++) {
        long long added, held;
        bx_error err;
        bx_error_clear(&err);
        bx_status s = bx_dataset_merge(out, argv[i], &added, &held, &err);
        if (s != BX_OK) {
            fprintf(stderr, "budgetx: %s\n", err.message);
            rc = bx_cli_worse(rc, bx_cli_exit_code(s));
            if (s == BX_ERR_USAGE)
                break;
            continue;
        }
        fprintf(stderr, "budgetx: %s: %lld %s added, %lld already in %s\n", argv[i], added,
                added == 1 ? "document" : "documents", held, out);
    }
    return rc;
}
