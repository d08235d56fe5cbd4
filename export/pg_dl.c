/* libpq, loaded at its first use rather than at every start: linked, it and
 * the libraries it needs (Kerberos, LDAP, OpenSSL, SASL: twenty in all)
 * cost every run of budgetx about 10 ms of loading and relocation, while
 * most runs never touch PostgreSQL (issue 20: a small PDF took 2x
 * pdftotext, most of it start-up).
 *
 * This file defines the libpq functions that pg.c and pg_queue.c call, each
 * forwarding to the real one found by dlsym; their prototypes come from
 * libpq-fe.h, so the compiler holds each forwarder to libpq's signature.
 * Hidden: inside libbudgetx.so they serve budgetx's own calls and never
 * stand in for a program's libpq. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* after the C library's headers (a hidden reference to fprintf would hide
 * it in the whole link), before pg.h, whose include of it is then a no-op */
#pragma GCC visibility push(hidden)
#include <libpq-fe.h>
#pragma GCC visibility pop

#include "pg.h"

#ifndef BX_LIBPQ_SONAME
#define BX_LIBPQ_SONAME "libpq.so.5"
#endif

/* Every libpq function budgetx calls: F for those returning a value, V for
 * the void ones, each with its parameters and the arguments passed on. */
#define PQ_FUNCTIONS(F, V)                                                                       \
    V(PQclear, (PGresult * res), (res))                                                          \
    F(char *, PQcmdTuples, (PGresult * res), (res))                                              \
    F(PGconn *, PQconnectdbParams,                                                               \
      (const char *const *keywords, const char *const *values, int expand_dbname),               \
      (keywords, values, expand_dbname))                                                         \
    V(PQconninfoFree, (PQconninfoOption * options), (options))                                   \
    F(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg),                \
      (conninfo, errmsg))                                                                        \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn))                                      \
    F(PGresult *, PQexec, (PGconn * conn, const char *query), (conn, query))                     \
    F(PGresult *, PQexecParams,                                                                  \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                   \
       const char *const *paramValues, const int *paramLengths, const int *paramFormats,         \
       int resultFormat),                                                                        \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,              \
       resultFormat))                                                                            \
    V(PQfinish, (PGconn * conn), (conn))                                                         \
    V(PQfreemem, (void *ptr), (ptr))                                                             \
    F(PGresult *, PQgetResult, (PGconn * conn), (conn))                                          \
    F(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),                     \
      (res, tup_num, field_num))                                                                 \
    F(int, PQntuples, (const PGresult *res), (res))                                              \
    F(int, PQputCopyData, (PGconn * conn, const char *buffer, int nbytes),                       \
      (conn, buffer, nbytes))                                                                    \
    F(int, PQputCopyEnd, (PGconn * conn, const char *errormsg), (conn, errormsg))                \
    F(char *, PQresultErrorMessage, (const PGresult *res), (res))                                \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                              \
    F(int, PQsetClientEncoding, (PGconn * conn, const char *encoding), (conn, encoding))         \
    F(PQnoticeProcessor, PQsetNoticeProcessor,                                                   \
      (PGconn * conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))                     \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn))

#define POINTER(ret, name, params, args) ret(*name) params;
#define VOID_POINTER(name, params, args) void(*name) params;

typedef struct {
    void *lib;       /* NULL when libpq could not be loaded */
    char error[256]; /* then why, as dlerror said */
    PQ_FUNCTIONS(POINTER, VOID_POINTER)
} pq_api;

/* Filled once per process, like the dynamic linker's own tables, which it
 * stands in for (extract/paths.c resolves cairo the same way). */
static pq_api api;
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

#define RESOLVE(ret, name, params, args) found = found && (*(void **)&api.name = dlsym(lib, #name));
#define VOID_RESOLVE(name, params, args) RESOLVE(void, name, params, args)

static void load(void)
{
    void *lib = dlopen(BX_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    bool found = lib != NULL;
    PQ_FUNCTIONS(RESOLVE, VOID_RESOLVE)
    if (found) {
        api.lib = lib;
        return;
    }
    const char *why = dlerror();
    snprintf(api.error, sizeof api.error, "%s", why ? why : BX_LIBPQ_SONAME ": not found");
    if (lib)
        dlclose(lib);
}

static const pq_api *loaded(void)
{
    pthread_once(&api_once, load);
    if (!api.lib) { /* bx_pg_library said so before any call: a caller skipped it */
        fprintf(stderr, "budgetx: PostgreSQL: %s\n", api.error);
        abort();
    }
    return &api;
}

bx_status bx_pg_library(bx_error *err)
{
    pthread_once(&api_once, load);
    if (api.lib)
        return BX_OK;
    return bx_error_set(err, BX_ERR_IO,
                        "PostgreSQL needs libpq, which cannot be loaded (%s): install the "
                        "libpq5 package",
                        api.error);
}

#define FORWARD(ret, name, params, args)                                                         \
    ret name params                                                                              \
    {                                                                                            \
        return loaded()->name args;                                                              \
    }
#define VOID_FORWARD(name, params, args)                                                         \
    void name params                                                                             \
    {                                                                                            \
        loaded()->name args;                                                                     \
    }

PQ_FUNCTIONS(FORWARD, VOID_FORWARD)
