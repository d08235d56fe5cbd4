/* The review pages' shared parts: escaping, the one style sheet and script
 * (inline: the folder works offline, from file://), the words for checks. */
#include "bx_normalize.h"
#include "review_html.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>

void rv_esc(bx_buf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': bx_buf_puts(b, "&amp;"); break;
        case '<': bx_buf_puts(b, "&lt;"); break;
        case '>': bx_buf_puts(b, "&gt;"); break;
        case '"': bx_buf_puts(b, "&quot;"); break;
        default: bx_buf_append(b, p, 1);
        }
    }
}

/* Highlights: .hl (linked cell and box), .bad (a failed check's cells),
 * .round (a rounding difference), .guess (a text dump's guessed place). */
static const char style[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#111;background:#fafafa}"
    "header,nav,section.list,#findings,main>section{padding:.6em 1em}"
    "h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.1em;margin:.3em 0}"
    "a{color:#0645ad}.muted{color:#666}code{font-size:.9em;color:#444}"
    ".keys{font-size:.85em;color:#555}kbd{border:1px solid #aaa;border-radius:3px;padding:0 .3em;"
    "background:#fff}"
    "nav ol,section.list ol{margin:.2em 0;padding-left:2em;columns:24em}"
    "nav li,section.list li{break-inside:avoid}"
    ".badge{display:inline-block;min-width:1.4em;padding:0 .35em;border-radius:.7em;"
    "font-size:.8em;text-align:center;color:#fff;background:#888}"
    ".badge.bad{background:#c62828}.badge.round{background:#e08a00}"
    /* a long report's sections are laid out only when scrolled near: the
     * page opens in the time of its first tables, not of all of them */
    "main>section{border-top:2px solid #ccc;background:#fff;content-visibility:auto;"
    "contain-intrinsic-size:auto 1400px}"
    "dl.meta{display:flex;flex-wrap:wrap;gap:.2em 1.2em;margin:.3em 0}"
    "dl.meta dt{color:#666}dl.meta dd{margin:0 0 0 -.8em}"
    "ol.notes{margin:.3em 0;padding-left:1.6em}ol.notes li{margin:.15em 0;cursor:pointer}"
    "li.fail{color:#b71c1c}li.rounding{color:#8a5300}li.guess{color:#4a148c}"
    "li:target,li.on{background:#fff3c4}"
    "blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #ccc;color:#333}"
    ".pair{display:flex;gap:1em;align-items:flex-start}"
    ".grid{flex:1 1 50%;overflow:auto;max-height:92vh}"
    ".pages{flex:1 1 50%;position:sticky;top:0;max-height:100vh;overflow:auto}"
    "table{border-collapse:collapse;font-size:13px}"
    "th,td{border:1px solid #bbb;padding:.1em .35em;vertical-align:top}"
    "thead th{background:#eef2f7;font-weight:600;position:sticky;top:0}"
    "th.rn{background:#f4f4f4;color:#777;font-weight:400;text-align:right}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "td.code{font-family:monospace;white-space:nowrap}"
    "td.bad,th.bad{background:#ffcdd2}td.round{background:#ffe0a3}td.guess{outline:2px dashed #7b1fa2}"
    "td.hl,th.hl{background:#bbdefb!important;outline:2px solid #1565c0}"
    "figure{margin:0 0 1em}figcaption{font-size:.85em;color:#555}"
    ".pw{position:relative;width:100%;border:1px solid #ccc;background:#fff}"
    ".pw img{position:absolute;inset:0;width:100%;height:100%}"
    ".bx{position:absolute;border:1px solid rgba(21,101,192,.35)}"
    ".bx.bad{border:2px solid #c62828;background:rgba(229,57,53,.18)}"
    ".bx.round{border:2px solid #e08a00;background:rgba(255,171,0,.18)}"
    ".bx.hl{border:2px solid #1565c0;background:rgba(33,150,243,.3)}"
    ".noimg{color:#777;font-style:italic}"
    "table.idx td,table.idx th{padding:.2em .5em}"
    ".pager{margin:.6em 0}.pager a,.pager b{margin-right:.6em}"
    "@media (max-width:60em){.pair{display:block}.pages{position:static;max-height:none}"
    ".grid{max-height:none}.grid table{min-width:40em}nav ol,section.list ol{columns:auto}}"
    "@media print{nav,.keys,section.list{display:none}body{background:#fff}"
    "main>section{break-before:page;border:0;content-visibility:visible}.pair{display:block}"
    ".grid,.pages{max-height:none;overflow:visible;position:static}"
    ".bx:not(.bad):not(.round){display:none}figure{break-inside:avoid}}";

void rv_begin(bx_buf *b, const char *title)
{
    bx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    rv_esc(b, title);
    bx_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

/* Hover or click a cell or its box: both light up (click also scrolls the
 * other into view). Click a check: its cells light up. Keys: j/k next and
 * previous table, f/F next and previous failed check. */
static const char script[] =
    "(function(){'use strict';var d=document,lit=[];"
    "function clear(){lit.forEach(function(e){e.classList.remove('hl','on');});lit=[];}"
    "function light(list,cls){clear();list.forEach(function(e){e.classList.add(cls||'hl');lit.push(e);});}"
    "function linked(k){return Array.prototype.slice.call(d.querySelectorAll('[data-k=\"'+k+'\"]'));}"
    "function up(e,sel){return e.target&&e.target.closest?e.target.closest(sel):null;}"
    "d.addEventListener('mouseover',function(e){var t=up(e,'[data-k]');if(t)light(linked(t.getAttribute('data-k')));});"
    "d.addEventListener('click',function(e){var t=up(e,'[data-k]');"
    "if(t){var l=linked(t.getAttribute('data-k'));light(l);l.forEach(function(o){"
    "if(o!==t)o.scrollIntoView({block:'nearest',inline:'nearest'});});return;}"
    "var c=up(e,'li[data-chk]');if(c){var id=c.getAttribute('data-chk');"
    "var cells=Array.prototype.slice.call(d.querySelectorAll('[data-c~=\"'+id+'\"]'));"
    "light(cells);c.classList.add('on');lit.push(c);"
    "if(cells.length)cells[0].scrollIntoView({block:'nearest',inline:'nearest'});}});"
    "function go(list,step){if(!list.length)return;var y=window.scrollY+4,i;"
    "if(step>0){for(i=0;i<list.length;i++)if(list[i].getBoundingClientRect().top+window.scrollY>y+4)break;"
    "if(i===list.length)i=0;}else{for(i=list.length-1;i>=0;i--)"
    "if(list[i].getBoundingClientRect().top+window.scrollY<y-4)break;if(i<0)i=list.length-1;}"
    "list[i].scrollIntoView({block:'start'});if(list[i].id)history.replaceState(null,'','#'+list[i].id);"
    "if(list[i].hasAttribute('data-chk'))list[i].click();}"
    "d.addEventListener('keydown',function(e){if(e.ctrlKey||e.metaKey||e.altKey)return;"
    "var tag=e.target&&e.target.tagName;if(tag==='INPUT'||tag==='TEXTAREA')return;"
    "if(e.key==='j')go(d.querySelectorAll('main>section'),1);"
    "else if(e.key==='k')go(d.querySelectorAll('main>section'),-1);"
    "else if(e.key==='f')go(d.querySelectorAll('main li.fail'),1);"
    "else if(e.key==='F')go(d.querySelectorAll('main li.fail'),-1);});"
    "})();";

void rv_end(bx_buf *b) { bx_buf_printf(b, "<script>%s</script>\n</body>\n</html>\n", script); }

/* THE words for each rule id (README.md's tables of rules). */
static const struct {
    const char *rule, *label;
} rule_labels[] = {
    {"row_total", "行内合计 = 各分项之和"},
    {"class_sum", "类 = 所属款之和"},
    {"item_sum", "款 = 所属项之和"},
    {"grand_total", "合计 = 各类之和"},
    {"summary_lines", "总表合计 = 各行之和"},
    {"summary_balance", "收入总计 = 支出总计"},
    {"cross_total", "两表合计一致"},
    {"cross_item", "两表科目金额一致"},
    {"narrative", "文字说明数字与表格一致"},
    {"empty_note", "空表无金额"},
    {"toc_table", "目录所列表格已公开"},
    {"required_table", "应公开表格已公开"},
    {"empty_explained", "空表说明原因"},
    {"identity_department", "部门名称一致"},
    {"identity_placeholder", "无模板占位名称"},
    {"identity_year", "年度一致"},
    {"claim_amount", "文字所述金额与表格一致"},
    {"claim_compare", "决算与预算比较正确"},
    {"claim_change", "增减额与增减率正确"},
    {"claim_share", "占比正确"},
};

const char *rv_rule_label(const char *rule)
{
    for (size_t i = 0; i < sizeof rule_labels / sizeof rule_labels[0]; i++)
        if (rule && strcmp(rule, rule_labels[i].rule) == 0)
            return rule_labels[i].label;
    return NULL;
}

const char *rv_status_label(bx_check_status s)
{
    return s == BX_CHECK_FAIL ? "未通过" : s == BX_CHECK_ROUNDING ? "舍入差" : "通过";
}

/* v in 1/per units with at least two decimals. */
static void scaled(bx_buf *b, int64_t v, int64_t per)
{
    char text[BX_SCALED_MAX];
    bx_scaled_format(text, v, per);
    bx_buf_puts(b, text);
}

void rv_amount(bx_buf *b, int64_t fen, const char *unit)
{
    int64_t per = unit ? bx_unit_fen(unit) : 100;
    scaled(b, fen, per > 0 ? per : 100);
}

void rv_check_words(bx_buf *b, const bx_check *c, const char *unit)
{
    if (c->expected_text) {
        bx_buf_puts(b, "应为 “");
        rv_esc(b, c->expected_text);
        bx_buf_puts(b, "”，实为 “");
        rv_esc(b, c->actual_text ? c->actual_text : "");
        bx_buf_puts(b, "”");
        return;
    }
    const char *u = c->percent ? "%" : unit ? unit : bx_base_unit();
    int64_t per = c->percent ? 10000 : 0;
    bx_buf_puts(b, "应为 ");
    per ? scaled(b, c->expected, per) : rv_amount(b, c->expected, u);
    bx_buf_puts(b, "，实为 ");
    per ? scaled(b, c->actual, per) : rv_amount(b, c->actual, u);
    bx_buf_puts(b, "，相差 ");
    int64_t diff = bx_fen_difference(c->actual, c->expected);
    per ? scaled(b, diff, per) : rv_amount(b, diff, u);
    bx_buf_printf(b, " %s", u);
    if (c->status == BX_CHECK_ROUNDING) {
        bx_buf_puts(b, "（舍入容差 ");
        per ? scaled(b, c->tolerance, per) : rv_amount(b, c->tolerance, u);
        bx_buf_puts(b, "）");
    }
}

bx_status rv_mkdir(const char *path, bx_error *err)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return bx_error_set(err, BX_ERR_IO, "%s: %s", path, strerror(errno));
    return BX_OK;
}
