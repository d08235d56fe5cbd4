/* textdump.h: private to the text-dump reader (model/textdump*.c).
 *
 * A pdftotext dump without -layout keeps no geometry: each printed line of
 * a cell becomes a line of its own, cells wrap one or a few characters per
 * line, numbers wrap mid-digit and empty cells leave no trace. The reader
 * rebuilds tables from these fragments in three steps: lines and pages
 * (textdump.c), columns from the header words and rows from the fragments
 * (textdump_header.c, textdump_rows.c), and the columns of a row's amounts from the accounting
 * identities (textdump_assign.c). Performance-target forms have their own
 * reader (textdump_form.c). */
#ifndef BX_TEXTDUMP_PRIVATE_H
#define BX_TEXTDUMP_PRIVATE_H

#include "bx_textdump.h"
#include "bx_meaning.h"

#include <glib.h>
#include <stdint.h>

/* One non-blank line of the dump, trimmed. */
typedef struct {
    char *text;
    int page;       /* 1-based */
    int page_start; /* the first line of its page */
    int block_start; /* a blank line before it: pdftotext ends a block of text there */
} td_line;

typedef struct {
    td_line *lines;
    size_t n;
    int n_pages;
    bx_patterns *pat;
} td_doc;

/* How far, in fen, a printed total may be from the sum of its printed parts
 * and still be their sum: each part is rounded to the fen on its own. The
 * one tolerance of every text-dump reading that adds amounts up. */
#define TD_SUM_TOL 3

/* --- Lines (textdump_lines.c) ------------------------------------------- */

/* Splits text into d's lines and pages. */
void td_split_lines(td_doc *d, const char *text);
/* Line i of d, white space squeezed; owned by the caller. */
char *td_line_squeezed(const td_doc *d, size_t i);
/* True when line i, squeezed, passes test (a normalize pattern). */
int td_line_is(const td_doc *d, size_t i, int (*test)(const bx_patterns *, const char *));
/* A page-number footer ("- 6 -", "第 6 页"). A bare number is not one
 * here: in a dump it is far more often a code or a piece of an amount. */
int td_is_footer(const td_doc *d, size_t i);

/* --- The words of headers and forms (textdump_words.c; the header words are bx_meaning's) --- */

/* Header word i (< bx_header_words_count()) in *w; true when a dump's
 * header text is cut into it (its shape is not BX_HEADER_UNCUT). */
int td_header_word(size_t i, bx_header_word *w);
/* The code levels printed under a code group: 类, 款, 项. */
extern const char *const td_level_words[];
extern const size_t td_n_level_words;
/* The labels of a performance-target form's top block, in printed order. */
extern const char *const td_form_labels[];
extern const size_t td_n_form_labels;
/* The full-width colon after a form's label (项目名称：…). */
extern const char td_full_colon[];
/* The first header word of a form's indicator grid (一级指标). */
extern const char *const td_form_grid_start;
/* The column words of a form's indicator grid. */
extern const char *const td_form_columns[];
extern const size_t td_n_form_columns;
/* Date words (年, 月, 日) that a space may separate from their number. */
extern const char *const td_date_words[];
extern const size_t td_n_date_words;

/* The mark after the numeral of a numbered row label (一、 … 二十六、). */
extern const char *const td_numeral_end;

/* --- Columns (textdump_header.c), rows (textdump_rows.c), their pieces
 * (textdump_pieces.c) and levels (textdump_levels.c) ------------------- */

/* The number of a row label numbered in Chinese (二十六、… is 26), or 0. */
int td_label_number(const char *s);

typedef enum { TD_COL_CODE, TD_COL_LABEL, TD_COL_AMOUNT } td_col_kind;

typedef struct {
    td_col_kind kind;
    char *name;
    int group;    /* index of its group's first column, or -1 at the top level */
    int is_total; /* sums the other columns of its level or group */
    const char *group_name; /* the group word printed over it, or NULL (static) */
} td_col;

typedef struct {
    td_col *cols;
    size_t n;
    size_t n_code;
    int side_by_side; /* label, amounts, label, amounts (收支总表) */
    /* Printed over the text columns (项目 above 科目编码 | 科目名称) and over
     * the code levels (功能分类科目编码 above 类 款 项); NULL if not (static). */
    const char *label_top;
    const char *code_group;
    int levels_printed; /* the code columns are named by the levels (类 款 项) */
} td_columns;

/* Where a printed line of the header ended, in header text: words may run
 * across it (a wrapped cell), but fewer of them do. */
#define TD_LINE_END '~'
/* In header text: where the printed header ends and the words found
 * late among the body's lines begin. */
#define TD_LATE '#'

/* True when text is a run of the given words; with cut_allowed the last
 * may be cut short (a header still being read). */
int td_words_cover(const char *text, const char *const *words, size_t n_words, int cut_allowed);
/* True when text reads as a run of header words (the last perhaps cut
 * short, still being read). */
int td_header_coverable(const char *text);
/* The same, with no word cut short at the end. */
int td_header_complete(const char *text);
/* True when s is one of the header words, whole. */
int td_is_header_word(const char *s);
/* True when s is a header word naming the code columns (科目编码). */
int td_is_code_group(const char *s);
/* True when s is a header word naming a text column (项目, 科目名称). */
int td_is_label_word(const char *s);
void td_columns_from_header(td_columns *c, const char *header_text, size_t n_levels);
void td_columns_free(td_columns *c);
/* The header grid rows (n_cols cells each, merged cells repeated over
 * their span); returns the number of rows, cells owned by the caller. */
size_t td_header_grid(const td_columns *c, char ****rows);

/* A token of a body: a word of a line. */
typedef struct {
    char *text;
    int line_start;
    int block_start; /* the first token of a pdftotext block */
    int page;
} td_token;

/* A row as read: code parts, text, amounts as printed. */
typedef struct {
    char *codes[3];
    size_t n_codes;
    char *text;       /* left text of a side-by-side row, else the whole text */
    char *right_text; /* side-by-side only */
    char **nums;
    size_t n_nums;
    size_t n_left; /* side-by-side: amounts before the right label */
    int is_total;
    int page;
    char *note; /* a placement nothing printed decides (an ambiguity), or NULL */
} td_row;

/* The amount s in fen; 0 when s is NULL or no amount. */
int64_t td_fen(const char *s);
/* Appends the amount s, cleaned, to r. */
void td_row_add_num(td_row *r, const char *s);
void td_row_free(td_row *r);
/* Frees the n rows and the array. */
void td_rows_free(td_row *rows, size_t n);

/* The lines of a table body (header repeats already removed) cut into
 * rows. Header words met among them are appended to noise (and the code
 * levels among those counted): some dumps print part of the header late. */
size_t td_read_rows(const td_doc *d, const size_t *lines, size_t n_lines, int side_by_side,
                    td_row **out, bx_buf *noise, size_t *noise_levels);

/* True when a token is a complete amount (two decimals) or a digit string. */
int td_is_amount(const char *s);

/* A piece of a printed number; whether piece continues the number pending
 * (pdftotext wraps numbers mid-digit). */
int td_is_num_piece(const char *s);
int td_num_continues(const char *pending, const char *piece);
/* Digits after the decimal point of a number piece, -1 without one. */
int td_decimals(const char *s);
/* A header word (whole_only), or a piece of one of at least two characters,
 * printed among the body's lines. */
int td_header_piece(const char *s, int whole_only);
/* Each row's code level (1 class, 2 款, 3 项; 0 for totals rows) from the
 * totals in the rows' first amounts: a class is the sum of its 款. */
int *td_infer_levels(const td_row *rows, size_t n);
/* The same for rows that go on with a subtree cut by a page break: the
 * first `lead` subtrees are read at depth (2 a 款, 3 a 项). */
int *td_infer_levels_cut(const td_row *rows, size_t n, size_t lead, int depth);

/* --- Column by column (textdump_columnar.c) ------------------------------ */

/* Rebuilds the rows of a coded table that pdftotext wrote column by
 * column: per page a block of class codes, blocks of 款/项 codes, a block
 * of names, then blocks of amounts, each block a run of one column's
 * cells with the empty ones absent. Tokens for which is_noise() holds are
 * header words (appended to noise): 2 for a piece of a wrapped one, 1 for
 * a whole word (which a line of a block of names may also read like).
 * continues: the tokens are a later page of the table, whose first rows
 * may go on with a class or 款 cut by the page break. Returns the number of rows, 0 when
 * the tokens do not read that way (nothing is given out then). */
size_t td_read_columnar(const td_doc *d, const td_token *t, size_t n, td_row **out,
                        int (*is_noise)(const td_token *t, size_t n, size_t i), bx_buf *noise,
                        int continues);

/* --- Streams (textdump_streams.c) ---------------------------------------- */

/* True when every row but the totals has one whole code (3, 5 or 7 digits),
 * a name and amounts, the codes rise, each code's level matches the level
 * its amounts give (a class is the sum of its 款), and no row's amounts
 * after its first add up to more than it. */
int td_rows_coherent(const td_row *rows, size_t n);
/* Rebuilds a coded table whose names, amounts and codes pdftotext printed
 * as separate runs (a block of names, their amounts, the codes late):
 * amounts group into rows by the identity total = sum of the rest, each
 * run of names holds as many names as rows follow it, codes go to the rows
 * in the classification's order. Returns the number of rows, 0 when the
 * result is not coherent (nothing is given out then). */
size_t td_read_streams(const td_doc *d, const td_token *t, size_t n, td_row **out);

/* --- Closing rows column by column (textdump_tail.c) ------------------- */

/* Reads the tokens of a side-by-side table's last page as its closing rows
 * written column by column (left labels, left amounts, right labels, right
 * amounts, each side ending with its totals row). Returns the number of
 * rows, 0 when the tokens do not read that way; the first row's note says
 * when amounts were placed without anything printed to tell where. */
size_t td_read_tail(const td_doc *d, const td_token *t, size_t n, td_row **out);

/* --- Two coded sides (textdump_paired.c) -------------------------------- */

/* Rebuilds a table printed as two sides of economic code | name | amount
 * (人员经费 left, 公用经费 right) from the lines of its body; names are the
 * three column names, levels whether the header prints the code as 类 | 款
 * columns. NULL when the lines do not read that way. */
bx_table *td_read_paired(const td_doc *d, const size_t *lines, size_t n, const char *names[3],
                         int levels);
/* The same table when the dump keeps no order of its codes: rows are
 * rebuilt from the names (their economic codes looked up, bx_meaning.h),
 * amounts placed by the hierarchy (textdump_named.c). NULL when the names
 * and amounts do not read that way. */
bx_table *td_read_paired_named(const td_doc *d, const size_t *lines, size_t n, const char *names[3],
                               int levels);
/* The longest code-group header word (科目编码 …) that text holds, or NULL:
 * a dump may print it among other header lines (经济分类 经济分类 科目编码 款). */
const char *td_code_group_within(const char *text);

/* --- Column assignment (textdump_assign.c) ------------------------------- */

/* What other tables say: labels printed next to amounts. */
typedef struct {
    /* Labels printed next to an amount, each distinct (label, amount) once
     * with the times it was printed; found by amount (fen -> 1 + the index
     * of its last label, then `same_fen` back to its first): a row's
     * reading asks about one amount, and scanning all of a long dump's
     * labels for each question was quadratic. */
    char **labels; /* keys (bx_text_key) */
    int *count;
    size_t n, cap;
    GHashTable *by_fen;
    size_t *same_fen; /* 1 + the index of the amount's label before, or 0 */
    GHashTable *names; /* code (digits only) -> its name, both owned */
    char **items; /* keys of the items a 收支总表 lists, in printed order */
    size_t n_items, cap_items;
} td_evidence;

void td_evidence_add(td_evidence *e, const char *label, const char *amount);
void td_evidence_free(td_evidence *e);
/* Puts the amount columns after a total in the order in which another
 * table listed the items they name, when it names each of them: a dump
 * may print a header's words out of order, a 收支总表 lists its items in
 * the order of the columns that detail them. */
void td_order_by_items(td_columns *c, const td_evidence *e);

/* Fills t (n_cols columns, no rows yet) from the rows, choosing each amount's
 * column; notes every choice that the identities leave open. */
void td_assign(bx_table *t, const td_columns *c, td_row *rows, size_t n_rows,
               td_evidence *ev);

/* --- Forms (textdump_form.c) --------------------------------------------- */

/* Reads a performance-target form from lines [from, to); NULL when the
 * lines do not hold one. */
bx_table *td_read_form(const td_doc *d, size_t from, size_t to);
/* True when line i opens a performance-target form (its title). */
int td_is_form_title(const td_doc *d, size_t i);


#endif
