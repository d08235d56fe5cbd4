/* bx_normalize.h: the normalize stage. Text in, clean text and values out;
 * it knows nothing of PDFs or tables. All strings are UTF-8; returned
 * strings are malloc'd and owned by the caller.
 *
 * Every Chinese phrase the pipeline must recognise on a page (unit and
 * department labels, totals, notes, title endings) lives in patterns.c, in
 * one table; nothing else in the code base spells them.
 */
#ifndef BX_NORMALIZE_H
#define BX_NORMALIZE_H

#include "bx_common.h"

#include <stddef.h>
#include <stdint.h>

/* --- Cell text ----------------------------------------------------------- */

/* Removes every white-space character (ASCII, ideographic space U+3000,
 * no-break spaces, line breaks), as FORMAT.md asks of cell text. */
char *bx_text_squeeze(const char *s);

/* Unicode NFKC (full-width digits and punctuation to ASCII, compatibility
 * ideographs folded), via ICU. Returns a copy of s if ICU fails. */
char *bx_text_nfkc(const char *s);

/* The key used to compare titles and headers: NFKC, white space removed,
 * quotes of every style dropped. */
char *bx_text_key(const char *s);

/* True when s is a run of ASCII digits between min and max long (max 0: no
 * limit): how classification codes ("201", "05", "2080505") print. */
int bx_text_is_digits(const char *s, size_t min, size_t max);

/* True when s holds at least one ASCII or full-width digit. */
int bx_text_has_digit(const char *s);

/* --- Encodings ---------------------------------------------------------- */

/* Decodes a text file's bytes to UTF-8: valid UTF-8 is taken as is (a BOM
 * dropped); otherwise GB18030/GBK via ICU. Fails with BX_ERR_NOT_PDF when
 * neither decodes without errors to mostly printable text. */
bx_status bx_text_decode(const char *bytes, size_t n, char **out, bx_error *err);

/* --- Numbers ------------------------------------------------------------- */

/* True when s (already squeezed) is an amount or count as printed in a cell:
 * "1,234.56", "-12.00", "(12.00)", "12%", "0", also full-width forms. */
int bx_number_is(const char *s);

/* The Chinese numeral that s starts with, as numbered labels print them
 * ("七" 7, "十二" 12, "二十六" 26): its value, and its length in bytes in
 * *len; 0 (and *len 0) when s starts with none. */
int bx_cjk_numeral(const char *s, size_t *len);

/* True when s is a number (bx_number_is) or a dash printed for zero ("-",
 * "－", "—"): what an amount cell may hold. */
int bx_amount_is(const char *s);

/* The value of a printed number as a double and its count of decimals, for
 * display (spreadsheet cells with the printed format); percentages and
 * anything bx_number_is refuses give 0. Money is bx_amount_parse's job. */
int bx_number_value(const char *s, double *value, int *decimals);

/* The printed number with thousands separators removed, as FORMAT.md asks
 * ("371,514,655.00" -> "371514655.00"); any other text is returned as is. */
char *bx_number_clean(const char *s);

/* Parses an amount into an exact integer number of fen (0.01 yuan), after
 * the printed unit's multiplier (1 for 元, 10000 for 万元). Accepts what
 * bx_number_is accepts; "(12.00)" and "-12.00" are negative; "-" and "－"
 * alone mean zero. Returns 0 and leaves *fen untouched when s is not a
 * number or has more decimals than the unit can express in fen, and for
 * magnitudes over INT64_MAX fen (so INT64_MIN never comes out, and every
 * amount's negation fits). */
int bx_amount_parse(const char *s, int64_t unit_fen, int64_t *fen);

/* Fen per printed unit: 元 -> 100, 万元 -> 1000000, 千元 -> 100000,
 * 亿元 -> 10000000000; 0 for an unknown unit. */
int64_t bx_unit_fen(const char *unit);

/* The unit an amount is in when none is printed: 元 (the first of
 * bx_unit_fen's table). */
const char *bx_base_unit(void);

#define BX_SCALED_MAX 48 /* "-", 20 digits, ".", 18 decimals, NUL */
/* v in 1/per units (fen in a table's unit: per = bx_unit_fen; a percentage
 * in 1/10000 %: per = 10000) as decimal text with at least two decimals and
 * no more than per has ("12.30", "-0.0125"), into out (BX_SCALED_MAX bytes).
 * Exact for every int64_t. */
void bx_scaled_format(char out[BX_SCALED_MAX], int64_t v, int64_t per);

/* --- Matching a pattern (PCRE2, normalize/matcher.c) ---------------------- */

typedef struct bx_matcher bx_matcher;
/* One compiled pattern (UTF, Unicode properties) and its matches over a
 * subject. NULL when the pattern does not compile. */
bx_matcher *bx_matcher_new(const char *pattern);
/* Frees the matcher (NULL is allowed). */
void bx_matcher_free(bx_matcher *m);
/* Finds the next match at or after *from; returns 0 when there is none.
 * The subject's UTF-8 is checked once per scan: a call that goes on
 * (*from > 0) over the subject and length of the last call skips the
 * check, so a subject changed in place is scanned again from 0. */
int bx_matcher_next(bx_matcher *m, const char *subject, size_t len, size_t *from);
/* The match's start and end, and a group by name or by number (malloc'd;
 * NULL when it did not take part). */
size_t bx_matcher_start(const bx_matcher *m);
/* The byte offset just past the last match. */
size_t bx_matcher_end(const bx_matcher *m);
/* The last match's group `name` (malloc'd), or NULL. */
char *bx_matcher_group(const bx_matcher *m, const char *subject, const char *name);
/* The last match's group number n (malloc'd), or NULL. */
char *bx_matcher_group_at(const bx_matcher *m, const char *subject, int n);

/* --- Page phrases (PCRE2) ------------------------------------------------ */

typedef struct bx_patterns bx_patterns;

/* Compiles every pattern once (with JIT where available). */
bx_status bx_patterns_new(bx_patterns **out, bx_error *err);
/* Frees the compiled patterns (NULL is allowed). */
void bx_patterns_free(bx_patterns *p);

/* The unit printed in a line ("单位：万元" -> "万元"), or NULL. */
char *bx_match_unit(const bx_patterns *p, const char *line);

/* The department after "编制部门：", "编制单位：" or "单位名称：", or NULL. */
char *bx_match_department(const bx_patterns *p, const char *line);

/* A line that names a table: ends in 表 (after an optional "（续）"/"续表"). */
int bx_is_table_title(const bx_patterns *p, const char *line);

/* A number label standing alone ("表1", "表 7", "附表3"). */
int bx_is_table_label(const bx_patterns *p, const char *line);

/* A continuation marker ("续表", "（续）", "续上表"). */
int bx_is_continuation(const bx_patterns *p, const char *line);

/* A page number ("- 6 -", "第 6 页", "6"). */
int bx_is_page_number(const bx_patterns *p, const char *line);

/* A note below a table ("注：", "备注：", "说明："). */
int bx_is_note(const bx_patterns *p, const char *line);

/* A note that says its table is empty ("注：…故本表为空表。"). */
int bx_is_empty_note(const bx_patterns *p, const char *line);

/* A form's field line: a short label, a colon and a value ("项目负责人：某某");
 * notes are not fields. */
int bx_is_field(const bx_patterns *p, const char *line);

/* A totals label (合计, 总计, 小计, and "收入总计" style endings). */
int bx_is_total_label(const bx_patterns *p, const char *cell);

/* A numbered item label at the start of text: "一、", "1.", "（三）". */
int bx_is_ordinal_label(const bx_patterns *p, const char *text);

/* The first year printed as "2024年" in s (four digits not part of a longer
 * number, then 年), or 0. */
int bx_year_in(const char *s);

/* The title as FORMAT.md keeps it: white space removed; a leading number
 * label is kept only when printed on the title's own line. */
char *bx_title_clean(const char *line);

#endif
