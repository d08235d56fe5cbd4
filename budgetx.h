/* budgetx.h: the budgetx library, all of it, and its manual.
 *
 * budgetx turns Chinese government budget disclosure PDFs (and pdftotext
 * dumps of them) into the tables they print, with what the tables mean and
 * whether their arithmetic holds. Include this one header and link with
 * `pkg-config --cflags --libs budgetx`. The declarations live in the stage
 * headers included at the end; this file is the map, in reading order: each
 * section names its functions with a line on what they do, and the stage
 * header says the rest beside the declaration.
 *
 * Conventions. Strings are UTF-8. A function that can fail returns a
 * bx_status and fills a bx_error (a code and a one-line message naming the
 * file); on failure its output pointer is NULL. What a function returns
 * through `**out`, or as `char *`, is the caller's to free, with the named
 * `_free` or free(3). The library keeps no global mutable state.
 *
 * Linking. Table borders are read by watching Poppler draw through cairo
 * (extract/paths.c defines cairo_stroke and friends). This works when
 * libbudgetx is linked statically, or when the shared libbudgetx comes
 * before libcairo in the program's link line, which is pkg-config's order.
 * If a program names libcairo first, bx_doc_open (so every reader of PDFs)
 * fails with BX_ERR_USAGE and a message saying so, rather than reading every
 * page as if it had no rules.
 *
 * --- 1. The simple interface ---------------------------------------------
 *
 *     bx_report *report;
 *     bx_error err;
 *     if (bx_report_open("report.pdf", 0, &report, &err) != BX_OK) {
 *         fprintf(stderr, "%s\n", err.message);
 *         return 2;
 *     }
 *     for (size_t i = 0; i < report->n_tables; i++)
 *         puts(report->tables[i]->title);
 *     bx_write_report(report, BX_FORMAT_JSON, "report.json", NULL, &err);
 *     bx_report_free(report);
 *
 *   bx_report_open        any input (PDF, text dump, our JSON) -> its report,
 *                         analysed and checked (BX_OPEN_NO_ANALYSIS: tables only;
 *                         BX_OPEN_OCR_AUTO/_ALWAYS: scanned pages read by OCR)
 *   bx_report_open_with   the same with options (bx_open_options: a password,
 *                         a page selection)
 *   bx_report_open_data   the same for bytes in memory (stdin, a binding's buffer)
 *   bx_page_set_parse     "15-16,20" -> a page selection (bx_page_set)
 *   bx_page_set_has       whether a page is in a selection
 *   bx_page_set_list      a selection's pages up to the last page, in order
 *   bx_page_set_free      frees a selection
 *   bx_report_keep_pages  a report cut down to the tables on a selection
 *   bx_report_from_text   a text dump (pdftotext output, UTF-8) -> its tables
 *   bx_report_from_json   our table JSON (or gold, or hand-corrected) -> its tables
 *   bx_write_report       the report in one of the bx_format formats
 *   bx_report_free        frees a report
 *
 *   examples/tables.c is a whole program: it prints every table's title, its
 *   number of body rows and its total.
 *
 * --- 2. The report ---------------------------------------------------------
 *
 *   bx_report holds the tables (bx_table: title, unit, department, pages,
 *   header and body grids as printed), the text outside them, the document's
 *   metadata (bx_document), the narrative's figures (bx_fact) and the checks
 *   (bx_check). After analysis each table also has a kind, column roles and
 *   keys (bx_column) and its body as records (bx_record, bx_value: codes,
 *   names and exact amounts in fen).
 *
 *   bx_table_cell             the body cell at (row, col)
 *   bx_table_header_cell      the header cell at (row, col)
 *   bx_check_status_name      "pass", "rounding" or "fail"
 *   bx_fen_difference         actual - expected without overflow
 *
 *   bx_check_clear            frees what a check owns
 *   bx_report_add_check       appends a check: the one recorder of checks
 *   bx_records_free           frees an array of records
 *   bx_level_name             "class", "section", "item"
 *   bx_base_name              a path's file name
 *   bx_fen_round              fen rounded to a step, without overflow
 *   bx_status_of              a check's status from expected, actual, tolerance
 *
 *   Building reports by hand (tests, other readers):
 *   bx_report_new             an empty report of a file
 *   bx_report_add_table       appends a table (the report takes it over)
 *   bx_table_new              a table of n columns and no rows
 *   bx_table_add_header_row   appends a header row
 *   bx_table_add_row          appends a body row
 *   bx_table_add_page         adds a page the body is printed on
 *   bx_table_add_field        adds a named field printed around a form
 *   bx_table_set_row_boxes    where the last row added is printed, per cell
 *   bx_table_add_ambiguity    adds a note on a cell of uncertain column
 *   bx_table_add_weak_digit   records a digit OCR read with little confidence
 *   bx_table_clear_corrections  frees a table's OCR corrections
 *   bx_table_free             frees a table
 *
 * --- 3. Analysis -----------------------------------------------------------
 *
 *   The readers of section 1 analyse what they read. Lower down:
 *   bx_report_build           an open bx_doc -> its tables (and analysis)
 *   bx_report_analyze         kinds, columns, records, metadata, checks (again)
 *   bx_report_ocr_corrections the OCR readings the arithmetic proves
 *   bx_report_apply_corrections  puts those readings into the cells (--ocr-correct)
 *   bx_kind_of_title          a title's canonical kind ("income" ...)
 *   bx_table_columns          a table's column roles and keys from its header
 *   bx_page_cells             the grid cells found on a page, for pictures
 *
 *   Meaning (bx_meaning.h), what bx_report_analyze is made of:
 *   bx_phrase_match           a phrase's '*'-separated fragments in order in a key
 *   bx_header_key             a header cell's comparison key (no leading year)
 *   bx_header_names_code      whether a header cell names a column of codes
 *   bx_header_words_count     the number of phrases in the header vocabulary
 *   bx_header_word_at         one phrase: printed text, key and shape (bx_header_shape)
 *   bx_column_path            a column's header path, '/'-joined
 *   bx_records_build          a table's body rows as records
 *   bx_model_unit_fen         fen per unit of a printed unit (元 when none, 0 unknown)
 *   bx_table_unit_fen         fen per unit of a table's amounts (元 when unknown)
 *   bx_table_of_kind          the index of the report's first table of a kind
 *   bx_record_value           a record's value under a column key
 *   bx_record_main_value      a record's headline amount
 *   bx_facts_find             the narrative's stated figures
 *   bx_document_read          the document's title, department, year, stage
 *   bx_econ_code              the economic classification code of a name
 *   bx_econ_begins_name       whether a text begins with an economic item name
 *   bx_econ_total_side        the side (人员/公用经费) a totals label sums
 *   bx_econ_personnel         whether an economic class is 人员经费
 *
 * --- 4. Writing ------------------------------------------------------------
 *
 *   Every writer writes a temporary file and renames it into place, so an
 *   interrupted run leaves no partial output; "-" is standard output.
 *   bx_format_from_name       "json" -> BX_FORMAT_JSON
 *   bx_format_name            BX_FORMAT_JSON -> "json"
 *   bx_format_extension       the file name extension a format writes
 *   bx_format_output          whether a format writes a file, folder or dataset
 *   bx_write_json             FORMAT.md's table JSON with meaning and checks
 *   bx_write_csv              one CSV file per table, into a folder
 *   bx_write_csv_options      the same with --bom, --meta and --flat-header
 *   bx_write_md               Markdown tables
 *   bx_write_xlsx             an XLSX workbook, a sheet per table
 *   bx_write_sqlite           puts the report into a SQLite dataset
 *   bx_report_to_json         the JSON as a string
 *   bx_checks_to_json         the checks alone as a JSON string
 *   bx_write_file_atomic      writes bytes to a path atomically
 *   bx_pieces_open            starts writing a path atomically in pieces
 *   bx_pieces_put             writes the next piece
 *   bx_pieces_close           renames it into place (or removes it on a failure)
 *   bx_open_json              for bindings: a file read, analysed, as its JSON
 *   bx_free                   frees what the library handed over
 *
 *   The dataset of many documents, a SQLite file or a PostgreSQL database
 *   (schema in README.md):
 *   bx_dataset_open           opens or creates a dataset
 *   bx_dataset_close          closes it
 *   bx_dataset_put_report     replaces a document by a report, in one transaction
 *   bx_dataset_put_report_path  the same, keeping the input's path as given
 *   bx_dataset_export         a dataset as tidy CSV files or one XLSX workbook
 *   bx_dataset_export_data    the same from an open dataset
 *   bx_dataset_put_failure    records a file that could not be read
 *   bx_dataset_has_document   whether a document is held, by SHA-256
 *   bx_dataset_has_failure    whether a failure is held, by SHA-256
 *   bx_dataset_get_totals     counts documents, tables, cells ...
 *   bx_dataset_merge          puts a shard's documents (batch --shard) into a dataset
 *   bx_dataset_is_postgres    whether a dataset target is a PostgreSQL connection string
 *   bx_postgres_check_target  refuses a connection string that is unreadable or holds a password
 *   The PostgreSQL work queue that batch workers on many machines share:
 *   bx_queue_open             connects as a named worker with a lease
 *   bx_queue_close            disconnects
 *   bx_queue_add              registers a file once by its SHA-256
 *   bx_queue_retry_failed     puts failed files back in the queue
 *   bx_queue_claim            claims the next file (FOR UPDATE SKIP LOCKED)
 *   bx_queue_renew            extends the leases this worker holds
 *   bx_queue_finish           marks a claimed file done, failed or released
 *   bx_queue_get_counts       queued, running, done and failed files
 *   bx_file_sha256            a file's SHA-256 in hex
 *
 *   The review pages (HTML beside the page images):
 *   bx_write_review           one report's folder: tables, page images, checks
 *   bx_review_entry_clear     frees what a review entry holds
 *   bx_write_review_index     the list of reviewed reports
 *   bx_write_review_dataset   paged pages over a batch dataset
 *
 * --- 5. Errors -------------------------------------------------------------
 *
 *   bx_status codes (BX_ERR_MISSING, BX_ERR_NOT_PDF, BX_ERR_ENCRYPTED ...)
 *   are listed in bx_common.h; README.md maps them to the CLI's exit codes.
 *   bx_strerror               a status as a short English phrase
 *   bx_error_set              fills a bx_error and returns its code
 *   bx_error_clear            resets a bx_error
 *
 * --- 6. Version ------------------------------------------------------------
 *
 *   BX_VERSION_STRING, BX_VERSION_NUMBER ... (bx_version.h, generated from
 *   the CMake project version) say which headers a program was compiled
 *   with; bx_version says which library it runs with.
 *   bx_version                the library's version, "MAJOR.MINOR.PATCH"
 *
 * --- 7. The stages underneath ----------------------------------------------
 *
 *   PDF pages (bx_extract.h): glyphs with their boxes and fonts, and rules.
 *   bx_doc_open               opens a PDF file
 *   bx_doc_open_password      the same for an encrypted PDF
 *   bx_doc_open_data_password the same from bytes in memory
 *   bx_doc_page_size          a page's size in points, without its content
 *   bx_doc_open_data          opens a PDF held in memory
 *   bx_doc_page_count         its number of pages
 *   bx_doc_warning            a warning about the whole file, or NULL
 *   bx_doc_load_page          a page's glyphs and rules
 *   bx_doc_set_ocr            read pages without a text layer (or all) by OCR
 *   bx_doc_ocr_problem        why OCR cannot run (missing language data), or NULL
 *   bx_doc_render             draws a page into a cairo context
 *   bx_doc_font_failures      fonts those drawings could not load
 *   bx_stderr_hold_begin      hold back what libraries print to stderr (this thread)
 *   bx_stderr_hold_end        end a hold: how many prints it held
 *   bx_page_free              frees a page
 *   bx_doc_free               closes the document
 *
 *   Text and numbers (bx_normalize.h):
 *   bx_text_squeeze           removes all white space
 *   bx_text_nfkc              Unicode NFKC
 *   bx_text_key               the comparison key of a title or header
 *   bx_text_is_digits         a run of ASCII digits of a given length
 *   bx_text_has_digit         holds a digit
 *   bx_text_decode            a text file's bytes (UTF-8, GB18030) -> UTF-8
 *   bx_number_is              a number as printed in a cell
 *   bx_number_value           a printed number as a double, with its decimals
 *   bx_number_clean           a printed number without thousands separators
 *   bx_amount_parse           a printed amount -> exact fen
 *   bx_amount_is              whether a cell reads as an amount (dashes too)
 *   bx_cjk_numeral            the value of a Chinese numeral label (二十六 26)
 *   bx_unit_fen               fen per printed unit (元, 万元 ...)
 *   bx_base_unit              the unit of an amount printed without one (元)
 *   bx_scaled_format          fen (or 1/10000 %) as exact decimal text
 *   bx_year_in                the first "2024年" year in a string
 *   bx_title_clean            a title as FORMAT.md keeps it
 *
 *   One PCRE2 pattern and its matches (bx_normalize.h):
 *   bx_matcher_new            compiles a pattern
 *   bx_matcher_free           frees it
 *   bx_matcher_next           the next match at or after an offset
 *   bx_matcher_start          where the last match starts
 *   bx_matcher_end            where it ends
 *   bx_matcher_group          a named group of it
 *   bx_matcher_group_at       a numbered group of it
 *
 *   Page phrases (bx_normalize.h, compiled once):
 *   bx_patterns_new           compiles the patterns
 *   bx_patterns_free          frees them
 *   bx_match_unit             the unit a line prints ("单位：万元")
 *   bx_match_department       the department a line names
 *   bx_is_table_title         a line that names a table
 *   bx_is_table_label         a number label alone ("表1")
 *   bx_is_continuation        a continuation marker ("续表")
 *   bx_is_page_number         a page number line
 *   bx_is_note                a note below a table
 *   bx_is_empty_note          a note saying the table is empty
 *   bx_is_field               a form's "label：value" line
 *   bx_is_total_label         a totals label (合计, 总计 ...)
 *   bx_is_ordinal_label       a numbered item label ("一、")
 *
 *   Memory and buffers (bx_common.h):
 *   bx_buf_init, bx_buf_append, bx_buf_puts, bx_buf_printf, bx_buf_take,
 *   bx_buf_free               a growable NUL-terminated byte buffer
 *   bx_grow                   grows an array to hold n items
 *   bx_xmalloc, bx_xcalloc, bx_xrealloc, bx_xstrdup, bx_xstrndup
 *                             allocation that aborts on exhaustion
 */
#ifndef BUDGETX_H
#define BUDGETX_H

#include "bx_version.h"

#include "bx_common.h"
#include "bx_extract.h"
#include "bx_normalize.h"
#include "bx_model.h"
#include "bx_export.h"

#endif
