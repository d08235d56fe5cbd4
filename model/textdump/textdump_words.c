/* The words of a text dump's forms and code levels. The header words are
 * the header vocabulary every reader shares (model/meaning/columns.c, with
 * their shapes); page phrases such as units, departments and totals stay in
 * normalize/patterns.c. Matching takes the longest word at each position,
 * so "一般公共预算支出" (a group) wins over "一般公共预算" (a column). */
#include "textdump.h"

int td_header_word(size_t i, bx_header_word *w)
{
    *w = bx_header_word_at(i);
    return w->shape != BX_HEADER_UNCUT;
}

const char *const td_level_words[] = {"类", "款", "项"};
const size_t td_n_level_words = sizeof td_level_words / sizeof td_level_words[0];

const char td_full_colon[] = "：";

const char *const td_form_labels[] = {
    "预算单位", "项目名称", "项目负责人", "项目资金（万元）", "年度预算总额",
    "其中：财政拨款", "其他资金", "项目总体目标",
};
const size_t td_n_form_labels = sizeof td_form_labels / sizeof td_form_labels[0];

const char *const td_form_grid_start = "一级指标";

/* The columns of a form's indicator grid, as its header names them. */
const char *const td_form_columns[] = {
    "一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据",
    "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料",
};
const size_t td_n_form_columns = sizeof td_form_columns / sizeof td_form_columns[0];

/* Date words: pdftotext puts a space between a number and them ("2022年 10
 * 月底前"), which must not split a cell. */
const char *const td_date_words[] = {"年", "月", "日"};
const size_t td_n_date_words = sizeof td_date_words / sizeof td_date_words[0];

/* The mark that ends a numbered row label's numeral (一、…, 二十六、; the
 * numerals are bx_cjk_numeral's). */
const char *const td_numeral_end = "、";
