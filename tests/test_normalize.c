/* normalize/: cell text, numbers, page phrases. Expected values are written
 * from FORMAT.md's rules, not from the program's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bx_normalize.h"

static void expect_str(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

static void test_squeeze_removes_all_white_space(void **state)
{
    (void)state;
    expect_str(bx_text_squeeze("机关事业单位基本养老保\n险缴费支出"), "机关事业单位基本养老保险缴费支出");
    expect_str(bx_text_squeeze("表 1\u3000部门收支\t总体情况表 "), "表1部门收支总体情况表");
    expect_str(bx_text_squeeze("\u00a0a b\u200b"), "ab");
}

/* Latin text loses its spaces too: FORMAT.md removes all white space from
 * cell text (DESIGN.md's "spaces kept between Latin words" is not what the
 * output format asks). */
static void test_squeeze_latin_and_mixed(void **state)
{
    (void)state;
    expect_str(bx_text_squeeze("General public\nservices"), "Generalpublicservices");
    expect_str(bx_text_squeeze("IT 系统 运维"), "IT系统运维");
    expect_str(bx_text_squeeze(""), "");
}

static void test_has_digit(void **state)
{
    (void)state;
    assert_true(bx_text_has_digit("合计0.00"));
    assert_true(bx_text_has_digit("１"));
    assert_false(bx_text_has_digit("无"));
    assert_false(bx_text_has_digit(""));
}

static void test_nfkc_folds_full_width(void **state)
{
    (void)state;
    expect_str(bx_text_nfkc("１２３，４５６．７８"), "123,456.78");
    expect_str(bx_text_nfkc("（境）"), "(境)");
}

static void test_key_drops_quotes(void **state)
{
    (void)state;
    expect_str(bx_text_key("部门“三公” 经费"), "部门三公经费");
}

static void test_number_shapes(void **state)
{
    (void)state;
    assert_true(bx_number_is("371,514,655.00"));
    assert_true(bx_number_is("0"));
    assert_true(bx_number_is("-12.00"));
    assert_true(bx_number_is("(12.00)"));
    assert_true(bx_number_is("12%"));
    assert_true(bx_number_is("１２．５"));
    assert_false(bx_number_is("2024年"));
    assert_false(bx_number_is("1,23"));
    assert_false(bx_number_is("12,3456"));
    assert_false(bx_number_is(""));
    assert_false(bx_number_is("合计"));
}

static void test_number_clean_removes_thousands_only(void **state)
{
    (void)state;
    expect_str(bx_number_clean("371,514,655.00"), "371514655.00");
    expect_str(bx_number_clean("156,211,123"), "156211123");
    expect_str(bx_number_clean("0.00"), "0.00");
    expect_str(bx_number_clean("-"), "-");
    expect_str(bx_number_clean("12%"), "12%");
    expect_str(bx_number_clean("1,2"), "1,2"); /* not a thousands pattern */
}

static void test_amount_in_fen(void **state)
{
    (void)state;
    int64_t fen = 0;
    assert_true(bx_amount_parse("371,514,655.00", bx_unit_fen("元"), &fen));
    assert_int_equal(fen, 37151465500LL);
    assert_true(bx_amount_parse("2946.25", bx_unit_fen("万元"), &fen));
    assert_int_equal(fen, 294625LL * 10000);
    assert_true(bx_amount_parse("(12.50)", 100, &fen));
    assert_int_equal(fen, -1250);
    assert_true(bx_amount_parse("-", 100, &fen));
    assert_int_equal(fen, 0);
    /* three decimals of 元 are not a whole number of fen */
    assert_false(bx_amount_parse("1.005", 100, &fen));
    assert_false(bx_amount_parse("abc", 100, &fen));
    assert_int_equal(bx_unit_fen("千克"), 0);
    assert_int_equal(bx_unit_fen("元"), 100);
    assert_int_equal(bx_unit_fen("千元"), 100000);
    assert_int_equal(bx_unit_fen("亿元"), 10000000000LL);
    assert_int_equal(bx_unit_fen(NULL), 0);
    /* Taiwan: 新臺幣千元 counts in hundredths of a dollar, 萬元 is 万元 */
    assert_int_equal(bx_unit_fen("新臺幣千元"), 100000);
    assert_int_equal(bx_unit_fen("新臺幣元"), 100);
    assert_int_equal(bx_unit_fen("萬元"), 1000000);
    /* 万元 with four decimals is still whole fen: 0.0001 万元 = 1 元 */
    assert_true(bx_amount_parse("0.0001", bx_unit_fen("万元"), &fen));
    assert_int_equal(fen, 100);
    assert_true(bx_amount_parse("－", 100, &fen));
    assert_int_equal(fen, 0);
}

/* Amounts at the edge of int64 fen are exact or refused, never wrapped:
 * 922,337,203.68 亿元 is 9,223,372,036,800,000,000 fen (fits), one more
 * digit in the hundreds of millions does not. */
static void test_amount_overflow_refused(void **state)
{
    (void)state;
    int64_t fen = 0;
    assert_true(bx_amount_parse("922337203.68", bx_unit_fen("亿元"), &fen));
    assert_int_equal(fen, 9223372036800000000LL);
    assert_false(bx_amount_parse("922337209", bx_unit_fen("亿元"), &fen));
    assert_false(bx_amount_parse("922337203.69", bx_unit_fen("亿元"), &fen));
    assert_true(bx_amount_parse("92233720368547758.07", bx_unit_fen("元"), &fen));
    assert_int_equal(fen, INT64_MAX);
    assert_false(bx_amount_parse("92233720368547759", bx_unit_fen("元"), &fen));
    assert_false(bx_amount_parse("99999999999999999999999", 100, &fen));
}

static void test_page_phrases(void **state)
{
    (void)state;
    bx_patterns *p;
    bx_error err;
    assert_int_equal(bx_patterns_new(&p, &err), BX_OK);
    expect_str(bx_match_unit(p, "单位：万元"), "万元");
    expect_str(bx_match_unit(p, "金额单位:元"), "元");
    assert_null(bx_match_unit(p, "编制单位：上海市某局"));
    expect_str(bx_match_unit(p, "项目资金（万元）"), "万元");
    /* the vertical colon form (U+FE30) and a count of people, as printed */
    expect_str(bx_match_unit(p, "單位︰新臺幣千元"), "新臺幣千元");
    expect_str(bx_match_unit(p, "單位：人"), "人");
    expect_str(bx_match_unit(p, "单位：人民币元"), "人民币元");
    assert_null(bx_match_unit(p, "本年支出合计（万元），比上年增加（元）"));
    expect_str(bx_match_department(p, "编制部门：上海市普陀区商务委员会 单位：元"),
                  "上海市普陀区商务委员会");
    expect_str(bx_match_department(p, "编制单位:某某街道"), "某某街道");
    assert_null(bx_match_department(p, "单位：元"));
    assert_true(bx_is_table_title(p, "2025年部门财务收支预算总表"));
    assert_true(bx_is_table_title(p, "收入决算表(续表)"));
    assert_false(bx_is_table_title(p, "表1"));
    assert_false(bx_is_table_title(p, "注：本表为空表"));
    assert_true(bx_is_table_label(p, "表 7"));
    assert_true(bx_is_continuation(p, "续表"));
    assert_true(bx_is_page_number(p, "-6-"));
    assert_true(bx_is_page_number(p, "第3页"));
    assert_false(bx_is_page_number(p, "2024年"));
    assert_true(bx_is_note(p, "注：本部门无政府性基金"));
    assert_true(bx_is_total_label(p, "合计"));
    assert_true(bx_is_total_label(p, "收入总计"));
    assert_false(bx_is_total_label(p, "一般公共服务支出"));
    bx_patterns_free(p);
}

static void test_title_clean(void **state)
{
    (void)state;
    /* FORMAT.md's own example: the words stay, the spaces go */
    expect_str(bx_title_clean("表 1 部门收支总体情况表"), "表1部门收支总体情况表");
    expect_str(bx_title_clean("2025年部门“三公”经费和机关运行经费预算表\n"),
               "2025年部门“三公”经费和机关运行经费预算表");
}

static void test_number_value_for_display(void **state)
{
    (void)state;
    double v = 0;
    int d = -1;
    assert_true(bx_number_value("371,514,655.00", &v, &d));
    assert_true(v == 371514655.0);
    assert_int_equal(d, 2);
    assert_true(bx_number_value("(12.5)", &v, &d));
    assert_true(v == -12.5);
    assert_int_equal(d, 1);
    assert_true(bx_number_value("１２０", &v, &d));
    assert_true(v == 120.0);
    assert_int_equal(d, 0);
    assert_false(bx_number_value("12%", &v, &d)); /* kept as printed text */
    assert_false(bx_number_value("1,23", &v, &d));
    assert_false(bx_number_value("-", &v, &d));
}

static void test_year_in(void **state)
{
    (void)state;
    assert_int_equal(bx_year_in("上海市普陀区财政局2024年度部门决算"), 2024);
    assert_int_equal(bx_year_in("截至2024年12月31日"), 2024);
    assert_int_equal(bx_year_in("12024年"), 0); /* part of a longer number */
    assert_int_equal(bx_year_in("2024 年"), 0);
    assert_int_equal(bx_year_in("部门决算"), 0);
}

static void test_digit_runs_as_codes(void **state)
{
    (void)state;
    assert_true(bx_text_is_digits("201", 3, 3));
    assert_true(bx_text_is_digits("05", 2, 2));
    assert_true(bx_text_is_digits("2080505", 1, 0));
    assert_false(bx_text_is_digits("2080505", 3, 5));
    assert_false(bx_text_is_digits("", 0, 0));
    assert_false(bx_text_is_digits("20 1", 1, 0));
    assert_false(bx_text_is_digits("１２", 1, 0)); /* full-width: not as a code prints */
}

/* Amounts printed back in a table's unit: 123456789 fen in 万元 (1000000
 * fen) is 123.456789; in 元 two decimals stay; INT64_MIN has no positive
 * int64_t, and 9223372036854775808 / 100 = 92233720368547758.08. */
static void test_scaled_format(void **state)
{
    (void)state;
    char out[BX_SCALED_MAX];
    bx_scaled_format(out, 123456789, 1000000);
    assert_string_equal(out, "123.456789");
    bx_scaled_format(out, 1230, 100);
    assert_string_equal(out, "12.30");
    bx_scaled_format(out, -125, 10000);
    assert_string_equal(out, "-0.0125");
    bx_scaled_format(out, 120000, 1000000);
    assert_string_equal(out, "0.12");
    bx_scaled_format(out, INT64_MIN, 100);
    assert_string_equal(out, "-92233720368547758.08");
    assert_string_equal(bx_base_unit(), "元");
    assert_int_equal(bx_unit_fen(bx_base_unit()), 100);
}

/* Numbered labels: the numeral's value as Chinese counts, and where the
 * label's text starts after it. */
static void test_cjk_numeral(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int value;
        size_t len;
    } cases[] = {
        {"七、其他收入", 7, 3},  {"十、", 10, 3},    {"十二、", 12, 6},
        {"二十六、", 26, 9},     {"三十", 30, 6},    {"财政拨款", 0, 0},
        {"1.一般公共预算", 0, 0}, {"", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = 99;
        assert_int_equal(bx_cjk_numeral(cases[i].s, &len), cases[i].value);
        assert_int_equal(len, cases[i].len);
    }
}

/* A scan checks its subject's UTF-8 once: going on over the same subject
 * skips the check, but a scan started again at 0 checks it anew, so bytes
 * changed in place are still refused. */
static void test_matcher_checks_each_scan(void **state)
{
    (void)state;
    bx_matcher *m = bx_matcher_new("元");
    assert_non_null(m);
    char subject[] = "1元2元3元";
    size_t len = strlen(subject), from = 0, hits = 0;
    while (bx_matcher_next(m, subject, len, &from))
        hits++;
    assert_int_equal(hits, 3);
    subject[0] = (char)0xFF; /* no longer UTF-8 */
    from = 0;
    assert_int_equal(bx_matcher_next(m, subject, len, &from), 0);
    bx_matcher_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_numeral),
        cmocka_unit_test(test_digit_runs_as_codes),
        cmocka_unit_test(test_year_in),
        cmocka_unit_test(test_number_value_for_display),
        cmocka_unit_test(test_squeeze_removes_all_white_space),
        cmocka_unit_test(test_squeeze_latin_and_mixed),
        cmocka_unit_test(test_has_digit),
        cmocka_unit_test(test_nfkc_folds_full_width),
        cmocka_unit_test(test_key_drops_quotes),
        cmocka_unit_test(test_number_shapes),
        cmocka_unit_test(test_number_clean_removes_thousands_only),
        cmocka_unit_test(test_amount_in_fen),
        cmocka_unit_test(test_amount_overflow_refused),
        cmocka_unit_test(test_page_phrases),
        cmocka_unit_test(test_title_clean),
        cmocka_unit_test(test_scaled_format),
        cmocka_unit_test(test_matcher_checks_each_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
