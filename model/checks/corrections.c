/* OCR readings proven by arithmetic. An OCRed amount that breaks an
 * identity, where exactly one other reading of its weak digits makes every
 * identity the cell takes part in hold (and breaks none that held), is
 * offered as a correction; it is put into the cell only when asked
 * (bx_report_apply_corrections). Each reading is tried on the whole
 * report, analysed again: the checks are found from the amounts (which
 * rows are totals, which columns sum), so a changed digit may change which
 * identities there are, and only the full analysis says. */
#include "bx_checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits the Chinese and English models confuse in small print, tried for
 * a weak digit the recogniser gave no alternatives for. */
static const char *const confusions[10] = {
    "689", "7", "", "8", "", "6", "058", "1", "360", "80",
};

/* Analyses tried per report at most: each is a whole analysis (a few
 * milliseconds), and a page of noise could offer hundreds. */
#define MAX_TRIALS 400

/* A check's identity across analyses: its rule, tables, row and wording. */
static int same_check(const bx_check *a, const bx_check *b)
{
    return strcmp(a->rule, b->rule) == 0 && a->table == b->table && a->row == b->row &&
           a->other_table == b->other_table && (a->what == NULL) == (b->what == NULL) &&
           (!a->what || strcmp(a->what, b->what) == 0);
}

static int involves(const bx_check *c, int table, size_t row, size_t col)
{
    for (size_t j = 0; j < c->n_cells; j++)
        if (c->cells[j].table == table && c->cells[j].row == (int)row &&
            c->cells[j].col == (int)col)
            return 1;
    return 0;
}

/* The checks that failed before the trial, copied (only what same_check
 * reads). */
typedef struct {
    bx_check *failed;
    size_t n;
} baseline;

static void baseline_take(baseline *b, const bx_report *r)
{
    b->failed = bx_xcalloc(r->n_checks + 1, sizeof *b->failed);
    b->n = 0;
    for (size_t i = 0; i < r->n_checks; i++)
        if (r->checks[i].status == BX_CHECK_FAIL) {
            bx_check *c = &b->failed[b->n++];
            c->rule = r->checks[i].rule;
            c->table = r->checks[i].table;
            c->row = r->checks[i].row;
            c->other_table = r->checks[i].other_table;
            c->what = r->checks[i].what ? bx_xstrdup(r->checks[i].what) : NULL;
        }
}

static void baseline_free(baseline *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->failed[i].what);
    free(b->failed);
}

static int failed_before(const baseline *b, const bx_check *c)
{
    for (size_t i = 0; i < b->n; i++)
        if (same_check(&b->failed[i], c))
            return 1;
    return 0;
}

/* One reading to try: digit pos of a cell becomes `digit`. */
typedef struct {
    int table;
    size_t row, col;
    unsigned pos;
    char digit;
} trial;

/* text with its digit pos replaced by d (malloc'd). */
static char *with_digit(const char *text, unsigned pos, char d)
{
    char *s = bx_xstrdup(text);
    for (char *p = s; *p; p++)
        if (*p >= '0' && *p <= '9' && pos-- == 0) {
            *p = d;
            break;
        }
    return s;
}

/* Whether the reading t makes every identity its cell takes part in hold
 * and breaks none that held, fewer failing in all; the proving checks'
 * wording into *proof. The report is left analysed with the reading. */
static int proves(bx_report *r, const trial *t, const baseline *b, char ***proof, size_t *n_proof)
{
    bx_table *tab = r->tables[t->table];
    char **cell = &tab->rows[t->row * tab->n_cols + t->col];
    char *printed = *cell;
    *cell = with_digit(printed, t->pos, t->digit);
    bx_report_analyze(r);
    size_t failing = 0, in_cell = 0;
    int ok = 1;
    for (size_t i = 0; i < r->n_checks && ok; i++) {
        const bx_check *c = &r->checks[i];
        int fails = c->status == BX_CHECK_FAIL;
        failing += fails;
        if (involves(c, t->table, t->row, t->col)) {
            ok = !fails;
            in_cell++;
        } else if (fails && !failed_before(b, c))
            ok = 0;
    }
    ok = ok && in_cell > 0 && failing < b->n;
    *proof = NULL;
    *n_proof = 0;
    for (size_t i = 0; ok && i < r->n_checks; i++)
        if (involves(&r->checks[i], t->table, t->row, t->col)) {
            *proof = bx_xrealloc(*proof, (*n_proof + 1) * sizeof **proof);
            (*proof)[(*n_proof)++] = bx_xstrdup(r->checks[i].what ? r->checks[i].what : r->checks[i].rule);
        }
    free(*cell);
    *cell = printed;
    return ok;
}

static void free_strings(char **s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

/* The readings to try for the weak digits of the cells of failing check c. */
static size_t trials_of(const bx_report *r, const bx_check *c, trial **out)
{
    size_t n = 0;
    *out = NULL;
    for (size_t j = 0; j < c->n_cells; j++) {
        const bx_cell_ref *x = &c->cells[j];
        if (x->table < 0 || (size_t)x->table >= r->n_tables)
            continue;
        const bx_table *t = r->tables[x->table];
        for (size_t k = 0; k < t->n_weak_digits; k++) {
            const bx_weak_digit *w = &t->weak_digits[k];
            if (w->row != (size_t)x->row || w->col != (size_t)x->col)
                continue;
            const char *alts = *w->alts ? w->alts : confusions[w->digit - '0'];
            for (const char *a = alts; *a; a++) {
                *out = bx_xrealloc(*out, (n + 1) * sizeof **out);
                (*out)[n++] = (trial){x->table, w->row, w->col, w->pos, *a};
            }
        }
    }
    return n;
}

/* A weak digit that still matches its cell's text (the cell may have been
 * changed since OCR read it). */
static int weak_digit_holds(const bx_table *t, const bx_weak_digit *w)
{
    if (w->row >= t->n_rows || w->col >= t->n_cols || w->digit < '0' || w->digit > '9')
        return 0;
    unsigned pos = w->pos;
    for (const char *p = bx_table_cell(t, w->row, w->col); *p; p++)
        if (*p >= '0' && *p <= '9' && pos-- == 0)
            return *p == w->digit;
    return 0;
}

/* Drops the weak digits that no longer match their cells. */
static int prune_weak(bx_report *r)
{
    int any = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        size_t k = 0;
        for (size_t j = 0; j < t->n_weak_digits; j++)
            if (weak_digit_holds(t, &t->weak_digits[j]))
                t->weak_digits[k++] = t->weak_digits[j];
        t->n_weak_digits = k;
        any |= k > 0;
    }
    return any;
}

/* Adds the correction, or, when another failing identity proved another
 * reading of the same cell, withdraws both (no reading is then proven). */
static void offer(bx_report *r, const trial *t, char **proof, size_t n_proof)
{
    bx_table *tab = r->tables[t->table];
    const char *printed = bx_table_cell(tab, t->row, t->col);
    char *corrected = with_digit(printed, t->pos, t->digit);
    for (size_t i = 0; i < tab->n_corrections; i++) {
        bx_ocr_correction *c = &tab->corrections[i];
        if (c->row != t->row || c->col != t->col)
            continue;
        if (strcmp(c->corrected, corrected) != 0)
            c->n_checks = (free_strings(c->checks, c->n_checks), c->checks = NULL, 0);
        free(corrected);
        free_strings(proof, n_proof);
        return;
    }
    tab->corrections = bx_xrealloc(tab->corrections, (tab->n_corrections + 1) * sizeof *tab->corrections);
    tab->corrections[tab->n_corrections++] = (bx_ocr_correction){
        t->row, t->col, bx_xstrdup(printed), corrected, proof, n_proof, false};
}

/* Removes the corrections withdrawn by offer (no proving checks left). */
static void drop_withdrawn(bx_report *r)
{
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        size_t k = 0;
        for (size_t j = 0; j < t->n_corrections; j++)
            if (t->corrections[j].n_checks > 0)
                t->corrections[k++] = t->corrections[j];
            else {
                free(t->corrections[j].printed);
                free(t->corrections[j].corrected);
            }
        t->n_corrections = k;
    }
}

/* Tries the readings of one failing check's weak digits; offers the one
 * that alone proves itself. Returns the analyses spent. */
static size_t settle(bx_report *r, const bx_check *failing, const baseline *b, size_t budget)
{
    trial *trials;
    size_t n = trials_of(r, failing, &trials), spent = 0, n_ok = 0;
    trial winner = {0};
    char **proof = NULL, **winner_proof = NULL;
    size_t n_proof = 0, n_winner_proof = 0;
    for (size_t i = 0; i < n && spent < budget && n_ok < 2; i++, spent++)
        if (proves(r, &trials[i], b, &proof, &n_proof)) {
            if (n_ok++ == 0) {
                winner = trials[i];
                winner_proof = proof;
                n_winner_proof = n_proof;
            } else
                free_strings(proof, n_proof);
        }
    if (spent > 0)
        bx_report_analyze(r); /* back to the report as read */
    if (n_ok == 1 && spent == n)
        offer(r, &winner, winner_proof, n_winner_proof);
    else
        free_strings(winner_proof, n_winner_proof);
    free(trials);
    return spent;
}

void bx_report_ocr_corrections(bx_report *r)
{
    for (size_t i = 0; i < r->n_tables; i++)
        bx_table_clear_corrections(r->tables[i]);
    if (!prune_weak(r))
        return;
    baseline b;
    baseline_take(&b, r);
    size_t spent = 0;
    /* the failing checks of the analysis as read: every trial analyses the
     * report again, so they are told by baseline, not by pointer */
    for (size_t i = 0; i < b.n && spent < MAX_TRIALS; i++) {
        const bx_check *c = NULL;
        for (size_t k = 0; k < r->n_checks && !c; k++)
            if (r->checks[k].status == BX_CHECK_FAIL && same_check(&r->checks[k], &b.failed[i]))
                c = &r->checks[k];
        if (c)
            spent += settle(r, c, &b, MAX_TRIALS - spent);
    }
    drop_withdrawn(r);
    baseline_free(&b);
}

void bx_report_apply_corrections(bx_report *r)
{
    int any = 0;
    for (size_t i = 0; i < r->n_tables; i++) {
        bx_table *t = r->tables[i];
        for (size_t k = 0; k < t->n_corrections; k++) {
            bx_ocr_correction *c = &t->corrections[k];
            if (c->applied)
                continue;
            char **cell = &t->rows[c->row * t->n_cols + c->col];
            free(*cell);
            *cell = bx_xstrdup(c->corrected);
            c->applied = true;
            any = 1;
        }
    }
    if (any)
        bx_report_analyze(r);
}
