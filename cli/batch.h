/* budgetx batch's engine (cmd_batch.c), shared with the queue's modes
 * (cmd_queue.c, which holds the command's entry point): the files of a run,
 * its worker processes, and the hooks through which a work queue hands out
 * files. Private to the CLI. */
#ifndef BX_BATCH_H
#define BX_BATCH_H

#include "bx_common.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* failures.reason: one code per category (README.md). R_IO covers every
 * other refusal of the reader; R_EXIT a worker that died without a word. */
enum {
    R_MISSING, R_NOT_PDF, R_ENCRYPTED, R_DAMAGED, R_NO_TEXT, R_NO_TABLES, R_TOO_LARGE,
    R_TIMEOUT, R_SIGNAL, R_IO, R_EXIT, R_COUNT
};

typedef struct {
    char *path;
    char sha[65];
    off_t size;
    long long queue_id; /* the file's row in a work queue, 0 outside one */
} input;

typedef struct {
    pid_t pid;
    int fd;
    size_t input;
    double started;
    bool timed_out;
    /* read its file, now waiting for (or holding) the dataset's lock: it
     * no longer counts against -j, so that the core it leaves is not idle */
    bool writing;
    char msg[1024];
    size_t msg_len;
} worker;

typedef struct batch batch;

/* How a file ended, told to the source that handed it out. */
typedef enum { OUTCOME_LOADED, OUTCOME_FAILED, OUTCOME_RELEASED } batch_outcome;

/* Where files come from besides the command line: a work queue. */
typedef struct {
    void *ctx;
    /* appends one more input to b (bx_batch_add_input); false when none */
    bool (*claim)(void *ctx, batch *b);
    /* whether files may still come (others hold some that come back if
     * their workers die) */
    bool (*pending)(void *ctx);
    /* called often while the batch runs (leases are renewed here) */
    void (*tick)(void *ctx);
    void (*finished)(void *ctx, const input *in, batch_outcome outcome);
} batch_source;

/* The modes of the command (one per run). */
typedef enum { MODE_DATASET, MODE_QUEUE, MODE_WORKER, MODE_STATUS } batch_mode;

struct batch {
    batch_mode mode;
    const char *db; /* -o, or the connection string of the queue's modes */
    int jobs;
    double timeout, lease;
    bool retry_failed, tty;
    const char *password;
    uint64_t max_size; /* --max-size; 0: none */
    int shard, shards; /* --shard K/N: shard (0-based) of shards; 1 shard: all */
    input *inputs;
    size_t n_inputs, cap, next, done;
    worker *workers; /* slots(): into SQLite, jobs reading and as many writing */
    size_t running;
    double start;
    long long pages, bytes_total, bytes_done, loaded, skipped, skipped_failed, failed[R_COUNT];
    const batch_source *source; /* NULL: the command line's files only */
};

/* Reads the command line into b: -1 when the run goes on, else the exit
 * status (a usage error said, or 0 after --help). optind is left at the
 * first PATH. */
int bx_batch_parse(batch *b, int argc, char **argv);

/* Finds the files under the n PATHs (- reads more from standard input),
 * sorted by path: BX_EXIT_OK, or BX_EXIT_INPUT when a PATH is missing. */
int bx_batch_find(batch *b, char **paths, int n);

/* Appends an input (its sha256 and queue_id left for the caller). */
input *bx_batch_add_input(batch *b, const char *path, off_t size);

/* The run of MODE_DATASET after bx_batch_find returned rc: the exit status. */
int bx_batch_into_dataset(batch *b, int rc);

/* Runs the inputs (and those b->source hands out) to the end, then says the
 * summary: the exit status (130 when interrupted). */
int bx_batch_run_all(batch *b);

/* Frees the inputs. */
void bx_batch_clear(batch *b);

/* Seconds on a monotonic clock. */
double bx_batch_now(void);

/* "1 file", "2 files" */
const char *bx_batch_plural(long long n, const char *one, const char *many);

#endif
