/* OCR of scanned pages: two pages of a Shanghai report rendered to pictures
 * at 200 dpi (pdftoppm) and made an image-only PDF (img2pdf), read back
 * with --ocr auto, and their tables compared cell by cell with the gold of
 * the original report. Then what --ocr never and missing language data
 * do with such a PDF; and the same pages as printed with a text layer that
 * does not decode (their ToUnicode maps removed), read by OCR as a scan
 * is; the scans turned sideways, read upright; and a digit damaged so
 * that OCR misreads it, the reading the checks prove offered. Skipped without ../shared, pdftoppm, img2pdf or pdfseparate. */
#include "bx_test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#define REPORT "sh-putuo-govoffice-2025-budget"
/* The report's pages scanned: 部门财务收支预算总表 and 财政拨款收支预算总表. */
static const int scanned_pages[] = {8, 13};
#define N_SCANNED 2

/* Bars under what the OCR reaches on these pages, above what a reading
 * that lost its grid or its digits would. */
#define MIN_CELLS 0.95
#define MIN_VALUES 0.98

typedef struct {
    char *dir;
    char pdf[4300];
    char broken[4300]; /* the same pages as printed, their fonts' ToUnicode maps removed */
    char sideways[4300]; /* the scans turned a quarter turn, one each way */
    char damaged[4300];  /* the first scan with one digit's left strokes faded */
    int skipped;
} bed;

static int have_tools(void)
{
    return run_cmd(NULL, "command -v pdftoppm >/dev/null && command -v img2pdf >/dev/null && "
                         "command -v pdfseparate >/dev/null && command -v pdfunite >/dev/null") == 0 &&
           access(BX_SHARED_DIR "/corpus/real/" REPORT ".pdf", R_OK) == 0 &&
           access(BX_SHARED_DIR "/eval/gold/" REPORT ".json", R_OK) == 0;
}

/* Writes the 8-bit PGM at `in` turned a quarter turn (clockwise or not)
 * to `out`: a page scanned sideways. */
static int turn_pgm(const char *in, const char *out, int clockwise)
{
    FILE *f = fopen(in, "rb");
    int w, h, max, ok = 0;
    if (!f || fscanf(f, "P5 %d %d %d", &w, &h, &max) != 3 || fgetc(f) == EOF || max != 255) {
        if (f)
            fclose(f);
        return 0;
    }
    unsigned char *px = malloc((size_t)w * h), *turned = malloc((size_t)w * h);
    if (fread(px, 1, (size_t)w * h, f) == (size_t)w * h) {
        /* the turned picture is h wide and w high */
        for (int y = 0; y < w; y++)
            for (int x = 0; x < h; x++)
                turned[(size_t)y * h + x] = clockwise ? px[(size_t)(h - 1 - x) * w + y]
                                                      : px[(size_t)x * w + (w - 1 - y)];
        FILE *o = fopen(out, "wb");
        ok = o && fprintf(o, "P5\n%d %d\n255\n", h, w) > 0 &&
             fwrite(turned, 1, (size_t)w * h, o) == (size_t)w * h;
        if (o)
            ok = fclose(o) == 0 && ok;
    }
    fclose(f);
    free(px);
    free(turned);
    return ok;
}

/* The digit damaged: the last of 4,213,779.28 (社会保障和就业支出 on the
 * first scanned page, pdftotext -bbox: x 701.52-773.52, y 210.74-222.78,
 * 12 characters of 6 pt), its left 2.6 pt faded to grey 150, so that its
 * 8 looks much like a 3. */
#define DAMAGE_X0 767.52
#define DAMAGE_X1 (767.52 + 2.6)
#define DAMAGE_Y0 210.7
#define DAMAGE_Y1 222.8
#define DAMAGE_GREY 150

static int make_damaged(bed *b)
{
    char in[4400], out[4400];
    snprintf(in, sizeof in, "%s/p0-%02d.pgm", b->dir, scanned_pages[0]);
    snprintf(out, sizeof out, "%s/damaged.pgm", b->dir);
    FILE *f = fopen(in, "rb");
    int w, h, max, ok = 0;
    if (!f || fscanf(f, "P5 %d %d %d", &w, &h, &max) != 3 || fgetc(f) == EOF || max != 255) {
        if (f)
            fclose(f);
        return -1;
    }
    unsigned char *px = malloc((size_t)w * h);
    if (fread(px, 1, (size_t)w * h, f) == (size_t)w * h) {
        double s = 200.0 / 72.0;
        for (int y = (int)(DAMAGE_Y0 * s); y < (int)(DAMAGE_Y1 * s) && y < h; y++)
            for (int x = (int)(DAMAGE_X0 * s) - 1; x < (int)(DAMAGE_X1 * s) && x < w; x++)
                if (px[(size_t)y * w + x] < DAMAGE_GREY)
                    px[(size_t)y * w + x] = DAMAGE_GREY;
        FILE *o = fopen(out, "wb");
        ok = o && fprintf(o, "P5\n%d %d\n255\n", w, h) > 0 &&
             fwrite(px, 1, (size_t)w * h, o) == (size_t)w * h;
        if (o)
            ok = fclose(o) == 0 && ok;
    }
    fclose(f);
    free(px);
    snprintf(b->damaged, sizeof b->damaged, "%s/damaged.pdf", b->dir);
    return ok && run_cmd(NULL, "img2pdf -s 200dpi '%s' -o '%s'", out, b->damaged) == 0 ? 0 : -1;
}

/* The scans turned sideways, one clockwise, one the other way. */
static int make_sideways(bed *b)
{
    char in[4400], out[4400];
    for (int i = 0; i < N_SCANNED; i++) {
        snprintf(in, sizeof in, "%s/p%d-%02d.pgm", b->dir, i, scanned_pages[i]);
        snprintf(out, sizeof out, "%s/turned%d.pgm", b->dir, i);
        if (!turn_pgm(in, out, i == 0))
            return -1;
    }
    snprintf(b->sideways, sizeof b->sideways, "%s/sideways.pdf", b->dir);
    return run_cmd(NULL, "img2pdf -s 200dpi '%s'/turned0.pgm '%s'/turned1.pgm -o '%s'", b->dir,
                   b->dir, b->sideways) == 0 ? 0 : -1;
}

static int setup(void **state)
{
    bed *b = calloc(1, sizeof *b);
    *state = b;
    if (!have_tools()) {
        b->skipped = 1;
        return 0;
    }
    b->dir = make_temp_dir();
    snprintf(b->pdf, sizeof b->pdf, "%s/scan.pdf", b->dir);
    for (int i = 0; i < N_SCANNED; i++)
        if (run_cmd(NULL, "pdftoppm -r 200 -gray -f %d -l %d '%s' '%s/p%d' 2>/dev/null",
                    scanned_pages[i], scanned_pages[i],
                    BX_SHARED_DIR "/corpus/real/" REPORT ".pdf", b->dir, i) != 0)
            return -1;
    /* -s 200dpi: the page keeps the original's size in points */
    if (run_cmd(NULL, "img2pdf -s 200dpi '%s'/p0*.pgm '%s'/p1*.pgm -o '%s'", b->dir, b->dir,
                b->pdf) != 0 || make_sideways(b) != 0 || make_damaged(b) != 0)
        return -1;
    /* A text layer that does not decode: the pages as printed, the name
     * /ToUnicode changed to one of the same length (the offsets stay
     * right), so the fonts' glyph numbers are all Poppler has. */
    snprintf(b->broken, sizeof b->broken, "%s/broken.pdf", b->dir);
    return run_cmd(NULL, "cd '%s' && pdfseparate -f %d -l %d '%s' a.pdf && pdfseparate -f %d -l %d "
                         "'%s' b.pdf && pdfunite a.pdf b.pdf two.pdf && "
                         "LC_ALL=C sed 's#/ToUnicode#/ToUnicodX#g' two.pdf > broken.pdf",
                   b->dir, scanned_pages[0], scanned_pages[0],
                   BX_SHARED_DIR "/corpus/real/" REPORT ".pdf", scanned_pages[1], scanned_pages[1],
                   BX_SHARED_DIR "/corpus/real/" REPORT ".pdf") == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    bed *b = *state;
    if (b->dir) {
        remove_tree(b->dir);
        free(b->dir);
    }
    free(b);
    return 0;
}

static JsonObject *table_titled(JsonArray *tables, const char *title)
{
    for (guint i = 0; i < json_array_get_length(tables); i++) {
        JsonObject *t = json_array_get_object_element(tables, i);
        if (strcmp(json_object_get_string_member(t, "title"), title) == 0)
            return t;
    }
    return NULL;
}

static int has_page(JsonObject *gold_table, int page)
{
    JsonArray *pages = json_object_get_array_member(gold_table, "pages");
    for (guint i = 0; i < json_array_get_length(pages); i++)
        if (json_array_get_int_element(pages, i) == page)
            return 1;
    return 0;
}

/* An amount as the gold writes it: digits with a point, or a bare number. */
static int is_amount(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (*s != '.' && *s != '-')
            return 0;
    }
    return digits > 0;
}

typedef struct {
    int cells, cells_right, values, values_right;
} tally;

/* Counts the gold table's body cells, and its amounts, that the read table
 * holds at the same place. */
static void compare_rows(JsonObject *gold, JsonObject *read, tally *t)
{
    JsonArray *g = json_object_get_array_member(gold, "rows");
    JsonArray *r = read ? json_object_get_array_member(read, "rows") : NULL;
    for (guint i = 0; i < json_array_get_length(g); i++) {
        JsonArray *grow = json_array_get_array_element(g, i);
        JsonArray *rrow = r && i < json_array_get_length(r) ? json_array_get_array_element(r, i)
                                                            : NULL;
        for (guint c = 0; c < json_array_get_length(grow); c++) {
            const char *want = json_array_get_string_element(grow, c);
            const char *got = rrow && c < json_array_get_length(rrow)
                                  ? json_array_get_string_element(rrow, c)
                                  : NULL;
            int right = got && strcmp(want, got) == 0;
            t->cells++;
            t->cells_right += right;
            if (is_amount(want)) {
                t->values++;
                t->values_right += right;
            }
        }
    }
}

/* Extracts pdf (its pages: scanned_pages) with the default --ocr auto and
 * compares its tables with the gold: all read by OCR, their cells and
 * amounts over the bars. */
static void match_gold(const char *pdf)
{
    char *out;
    assert_int_equal(run_cmd(&out, "'%s' extract '%s'", BX_BINARY, pdf), 0);
    JsonParser *read = parse_json(out);
    JsonArray *tables = json_object_get_array_member(json_node_get_object(json_parser_get_root(read)),
                                                     "tables");
    char *gold_text = NULL;
    assert_int_equal(run_cmd(&gold_text, "cat '%s'", BX_SHARED_DIR "/eval/gold/" REPORT ".json"), 0);
    JsonParser *gold = parse_json(gold_text);
    JsonArray *gold_tables =
        json_object_get_array_member(json_node_get_object(json_parser_get_root(gold)), "tables");
    tally t = {0};
    int compared = 0;
    for (guint i = 0; i < json_array_get_length(gold_tables); i++) {
        JsonObject *g = json_array_get_object_element(gold_tables, i);
        int page = -1;
        for (int k = 0; k < N_SCANNED; k++)
            if (has_page(g, scanned_pages[k]))
                page = k + 1; /* its page in the scanned PDF */
        if (page < 0)
            continue;
        JsonObject *r = table_titled(tables, json_object_get_string_member(g, "title"));
        compare_rows(g, r, &t);
        compared++;
        if (!r)
            continue;
        /* said to be OCRed, with a confidence Tesseract can give */
        assert_true(json_object_get_boolean_member(r, "ocr"));
        double conf = json_object_get_double_member(r, "ocr_confidence");
        assert_true(conf > 50.0 && conf <= 100.0);
        assert_int_equal(json_array_get_int_element(json_object_get_array_member(r, "pages"), 0),
                         page);
    }
    assert_int_equal(compared, N_SCANNED);
    assert_int_equal(t.values, 20); /* the two tables print 20 amounts */
    double cells = (double)t.cells_right / t.cells, values = (double)t.values_right / t.values;
    if (cells < MIN_CELLS || values < MIN_VALUES)
        fail_msg("cells %.3f (%d/%d), values %.3f (%d/%d)", cells, t.cells_right, t.cells,
                 values, t.values_right, t.values);
    g_object_unref(read);
    g_object_unref(gold);
}

static void test_scanned_tables_match_gold(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    match_gold(b->pdf);
}

/* The first scanned page's table read from pdf (with the extract options
 * given): its JSON, and the table in *table. */
static JsonParser *first_table(const char *pdf, const char *options, JsonObject **table)
{
    char *out;
    assert_int_equal(run_cmd(&out, "'%s' extract %s '%s'", BX_BINARY, options, pdf), 0);
    JsonParser *p = parse_json(out);
    JsonArray *tables = json_object_get_array_member(json_node_get_object(json_parser_get_root(p)),
                                                     "tables");
    assert_true(json_array_get_length(tables) > 0);
    *table = json_array_get_object_element(tables, 0);
    return p;
}

static const char *cell_of(JsonObject *table, guint row, guint col)
{
    JsonArray *rows = json_object_get_array_member(table, "rows");
    return json_array_get_string_element(json_array_get_array_element(rows, row), col);
}

/* The damaged digit: misread (its 8 as a 3), and the checks prove the
 * reading the gold holds, offered, not applied; --ocr-correct applies it. */
static void test_misread_digit_corrected(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    char *gold_text = NULL;
    assert_int_equal(run_cmd(&gold_text, "cat '%s'", BX_SHARED_DIR "/eval/gold/" REPORT ".json"), 0);
    JsonParser *gold = parse_json(gold_text);
    JsonObject *g = table_titled(
        json_object_get_array_member(json_node_get_object(json_parser_get_root(gold)), "tables"),
        "2025年部门财务收支预算总表");
    assert_non_null(g);
    const char *truth = cell_of(g, 1, 3);
    assert_string_equal(truth, "4213779.28"); /* the amount damaged */
    JsonObject *t;
    JsonParser *read = first_table(b->damaged, "", &t);
    assert_string_equal(cell_of(t, 1, 3), "4213779.23"); /* the damage took */
    assert_true(json_object_has_member(t, "ocr_corrections"));
    JsonArray *fixes = json_object_get_array_member(t, "ocr_corrections");
    assert_int_equal(json_array_get_length(fixes), 1);
    JsonObject *fix = json_array_get_object_element(fixes, 0);
    assert_int_equal(json_object_get_int_member(fix, "row"), 1);
    assert_int_equal(json_object_get_int_member(fix, "col"), 3);
    assert_string_equal(json_object_get_string_member(fix, "printed"), "4213779.23");
    assert_string_equal(json_object_get_string_member(fix, "corrected"), truth);
    assert_true(json_array_get_length(json_object_get_array_member(fix, "checks")) > 0);
    assert_false(json_object_get_boolean_member(fix, "applied"));
    g_object_unref(read);
    read = first_table(b->damaged, "--ocr-correct", &t);
    assert_string_equal(cell_of(t, 1, 3), truth);
    g_object_unref(read);
    g_object_unref(gold);
}

/* Pages scanned sideways (a quarter turn either way) are read upright. */
static void test_sideways_scan_read(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    match_gold(b->sideways);
}

/* A text layer that does not decode is read from the page's picture as a
 * scan is; without OCR its glyph numbers are no table's words. */
static void test_broken_text_layer_read(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    match_gold(b->broken);
    char *out = NULL;
    run_cmd(&out, "'%s' extract --ocr never '%s' 2>/dev/null", BX_BINARY, b->broken);
    assert_null(strstr(out ? out : "", "91016775.35")); /* 收入总计, on both pages */
    free(out);
}

/* --ocr never keeps today's refusal of a scan. */
static void test_never_refuses(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    char *err;
    assert_int_equal(run_cmd(&err, "'%s' extract --ocr never '%s' 2>&1 >/dev/null", BX_BINARY,
                             b->pdf), 2);
    assert_non_null(strstr(err, "no text layer"));
    free(err);
}

/* Without the language data, auto falls back to the refusal, saying which
 * package to install. */
static void test_missing_data_named(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    char *err;
    assert_int_equal(run_cmd(&err, "TESSDATA_PREFIX=/nonexistent '%s' extract '%s' 2>&1 >/dev/null",
                             BX_BINARY, b->pdf), 2);
    assert_non_null(strstr(err, "no text layer"));
    assert_non_null(strstr(err, "tesseract-ocr-chi-sim"));
    assert_ptr_equal(strchr(err, '\n'), err + strlen(err) - 1); /* one line */
    free(err);
}

/* The review page of a scan reads it as extract does and says which tables
 * come from OCR, with their confidence. */
static void test_review_says_ocr(void **state)
{
    bed *b = *state;
    if (b->skipped)
        skip();
    char *out;
    assert_int_equal(run_cmd(NULL, "'%s' review -o '%s/rv' '%s' >/dev/null 2>&1", BX_BINARY, b->dir,
                             b->pdf), 0);
    assert_int_equal(run_cmd(&out, "cat '%s'/rv/scan/index.html", b->dir), 0);
    assert_non_null(strstr(out, "OCR（平均置信度"));
    free(out);
}

static void test_bad_mode(void **state)
{
    (void)state;
    assert_int_equal(run_cmd(NULL, "'%s' extract --ocr sometimes x.pdf 2>/dev/null", BX_BINARY), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scanned_tables_match_gold),
        cmocka_unit_test(test_broken_text_layer_read),
        cmocka_unit_test(test_sideways_scan_read),
        cmocka_unit_test(test_misread_digit_corrected),
        cmocka_unit_test(test_never_refuses),
        cmocka_unit_test(test_missing_data_named),
        cmocka_unit_test(test_review_says_ocr),
        cmocka_unit_test(test_bad_mode),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
