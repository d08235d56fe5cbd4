/* Tesseract and Leptonica, loaded at the first OCR rather than at every
 * start: linked, they and the libraries they need (libarchive, libcurl
 * with GnuTLS, Kerberos and LDAP, libwebp, libgif, libtiff, OpenMP: about
 * thirty) cost every run of budgetx about 12 ms of loading and relocation,
 * while most runs read a text layer only (issue 20: a small PDF took 2x
 * pdftotext, most of it start-up).
 *
 * This file defines the Tesseract and Leptonica functions that ocr.c and
 * ocr_image.c call, each forwarding to the real one found by dlsym. Their
 * prototypes come from the libraries' own headers, so the compiler holds
 * each forwarder to its signature; a function those files start to call
 * needs one line in the list below (the link fails until it has it).
 * Hidden: inside libbudgetx.so they serve budgetx's own calls and never
 * stand in for a program's Tesseract. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#pragma GCC visibility push(hidden)
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
/* capi.h declares it "()", which C does not read as a prototype */
TessBaseAPI *TessBaseAPICreate(void);
#pragma GCC visibility pop

#include "ocr_private.h" /* after: its Leptonica include is then a no-op */

#ifndef BX_TESSERACT_SONAME
#define BX_TESSERACT_SONAME "libtesseract.so.5"
#endif
#ifndef BX_LEPT_SONAME
#define BX_LEPT_SONAME "liblept.so.5"
#endif

/* The functions called: T from Tesseract, L from Leptonica, each with its
 * return type (none for TV and LV), parameters, and the arguments passed
 * on. */
#define OCR_FUNCTIONS(T, TV, L, LV) \
    T(TessBaseAPI *, TessBaseAPICreate, (void), ()) \
    TV(TessBaseAPIDelete, (TessBaseAPI *handle), (handle)) \
    TV(TessBaseAPIEnd, (TessBaseAPI *handle), (handle)) \
    T(TessResultIterator *, TessBaseAPIGetIterator, (TessBaseAPI *handle), (handle)) \
    T(char *, TessBaseAPIGetUTF8Text, (TessBaseAPI *handle), (handle)) \
    T(int, TessBaseAPIInit4, (TessBaseAPI *handle, const char *datapath, const char *language, TessOcrEngineMode mode, char **configs, int configs_size, char **vars_vec, char **vars_values, size_t vars_vec_size, BOOL set_only_non_debug_params), (handle, datapath, language, mode, configs, configs_size, vars_vec, vars_values, vars_vec_size, set_only_non_debug_params)) \
    T(int, TessBaseAPIRecognize, (TessBaseAPI *handle, ETEXT_DESC *monitor), (handle, monitor)) \
    TV(TessBaseAPISetImage2, (TessBaseAPI *handle, struct Pix *pix), (handle, pix)) \
    TV(TessBaseAPISetPageSegMode, (TessBaseAPI *handle, TessPageSegMode mode), (handle, mode)) \
    TV(TessBaseAPISetSourceResolution, (TessBaseAPI *handle, int ppi), (handle, ppi)) \
    T(BOOL, TessBaseAPISetVariable, (TessBaseAPI *handle, const char *name, const char *value), (handle, name, value)) \
    TV(TessDeleteText, (const char *text), (text)) \
    T(BOOL, TessPageIteratorBoundingBox, (const TessPageIterator *handle, TessPageIteratorLevel level, int *left, int *top, int *right, int *bottom), (handle, level, left, top, right, bottom)) \
    T(BOOL, TessPageIteratorIsAtBeginningOf, (const TessPageIterator *handle, TessPageIteratorLevel level), (handle, level)) \
    T(float, TessResultIteratorConfidence, (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level)) \
    TV(TessResultIteratorDelete, (TessResultIterator *handle), (handle)) \
    T(TessPageIterator *, TessResultIteratorGetPageIterator, (TessResultIterator *handle), (handle)) \
    T(char *, TessResultIteratorGetUTF8Text, (const TessResultIterator *handle, TessPageIteratorLevel level), (handle, level)) \
    T(BOOL, TessResultIteratorNext, (TessResultIterator *handle, TessPageIteratorLevel level), (handle, level)) \
    T(int, TessBaseAPIMeanTextConf, (TessBaseAPI *handle), (handle)) \
    T(TessChoiceIterator *, TessResultIteratorGetChoiceIterator, (const TessResultIterator *handle), (handle)) \
    TV(TessChoiceIteratorDelete, (TessChoiceIterator *handle), (handle)) \
    T(BOOL, TessChoiceIteratorNext, (TessChoiceIterator *handle), (handle)) \
    T(const char *, TessChoiceIteratorGetUTF8Text, (const TessChoiceIterator *handle), (handle)) \
    L(BOX *, boxBoundingRegion, (BOX *box1, BOX *box2), (box1, box2)) \
    L(BOX *, boxCreate, (l_int32 x, l_int32 y, l_int32 w, l_int32 h), (x, y, w, h)) \
    LV(boxDestroy, (BOX **pbox), (pbox)) \
    L(l_ok, boxGetGeometry, (BOX *box, l_int32 *px, l_int32 *py, l_int32 *pw, l_int32 *ph), (box, px, py, pw, ph)) \
    L(l_ok, boxaAddBox, (BOXA *boxa, BOX *box, l_int32 copyflag), (boxa, box, copyflag)) \
    L(BOXA *, boxaCreate, (l_int32 n), (n)) \
    L(BOXA *, boxaSort, (BOXA *boxas, l_int32 sorttype, l_int32 sortorder, NUMA **pnaindex), (boxas, sorttype, sortorder, pnaindex)) \
    LV(boxaDestroy, (BOXA **pboxa), (pboxa)) \
    L(BOX *, boxaGetBox, (BOXA *boxa, l_int32 index, l_int32 accessflag), (boxa, index, accessflag)) \
    L(l_ok, boxaGetBoxGeometry, (BOXA *boxa, l_int32 index, l_int32 *px, l_int32 *py, l_int32 *pw, l_int32 *ph), (boxa, index, px, py, pw, ph)) \
    L(l_int32, boxaGetCount, (BOXA *boxa), (boxa)) \
    L(l_ok, boxaRemoveBox, (BOXA *boxa, l_int32 index), (boxa, index)) \
    L(l_ok, boxaReplaceBox, (BOXA *boxa, l_int32 index, BOX *box), (boxa, index, box)) \
    L(PIX *, pixAddBorder, (PIX *pixs, l_int32 npix, l_uint32 val), (pixs, npix, val)) \
    L(PIX *, pixClipRectangle, (PIX *pixs, BOX *box, BOX **pboxc), (pixs, box, pboxc)) \
    L(PIX *, pixCloseBrick, (PIX *pixd, PIX *pixs, l_int32 hsize, l_int32 vsize), (pixd, pixs, hsize, vsize)) \
    L(BOXA *, pixConnCompBB, (PIX *pixs, l_int32 connectivity), (pixs, connectivity)) \
    L(PIX *, pixConvertTo1, (PIX *pixs, l_int32 threshold), (pixs, threshold)) \
    L(PIX *, pixCopy, (PIX *pixd, const PIX *pixs), (pixd, pixs)) \
    L(l_int32, pixCopyResolution, (PIX *pixd, const PIX *pixs), (pixd, pixs)) \
    L(l_ok, pixCountPixels, (PIX *pixs, l_int32 *pcount, l_int32 *tab8), (pixs, pcount, tab8)) \
    L(l_ok, pixCountPixelsInRect, (PIX *pixs, BOX *box, l_int32 *pcount, l_int32 *tab8), (pixs, box, pcount, tab8)) \
    L(PIX *, pixCreate, (l_int32 width, l_int32 height, l_int32 depth), (width, height, depth)) \
    L(PIX *, pixCreateTemplate, (const PIX *pixs), (pixs)) \
    L(PIX *, pixRotateOrth, (PIX *pixs, l_int32 quads), (pixs, quads)) \
    LV(pixDestroy, (PIX **ppix), (ppix)) \
    L(PIX *, pixDilateBrick, (PIX *pixd, PIX *pixs, l_int32 hsize, l_int32 vsize), (pixd, pixs, hsize, vsize)) \
    L(l_ok, pixFindSkew, (PIX *pixs, l_float32 *pangle, l_float32 *pconf), (pixs, pangle, pconf)) \
    L(l_uint32 *, pixGetData, (PIX *pix), (pix)) \
    L(l_int32, pixGetHeight, (const PIX *pix), (pix)) \
    L(l_int32, pixGetWidth, (const PIX *pix), (pix)) \
    L(l_int32, pixGetWpl, (const PIX *pix), (pix)) \
    L(PIX *, pixInvert, (PIX *pixd, PIX *pixs), (pixd, pixs)) \
    L(PIX *, pixOpenBrick, (PIX *pixd, PIX *pixs, l_int32 hsize, l_int32 vsize), (pixd, pixs, hsize, vsize)) \
    L(l_ok, pixPaintThroughMask, (PIX *pixd, PIX *pixm, l_int32 x, l_int32 y, l_uint32 val), (pixd, pixm, x, y, val)) \
    L(l_ok, pixRasterop, (PIX *pixd, l_int32 dx, l_int32 dy, l_int32 dw, l_int32 dh, l_int32 op, PIX *pixs, l_int32 sx, l_int32 sy), (pixd, dx, dy, dw, dh, op, pixs, sx, sy)) \
    L(PIX *, pixRotate, (PIX *pixs, l_float32 angle, l_int32 type, l_int32 incolor, l_int32 width, l_int32 height), (pixs, angle, type, incolor, width, height)) \
    L(PIX *, pixSelectBySize, (PIX *pixs, l_int32 width, l_int32 height, l_int32 connectivity, l_int32 type, l_int32 relation, l_int32 *pchanged), (pixs, width, height, connectivity, type, relation, pchanged)) \
    L(l_ok, pixSetInRect, (PIX *pix, BOX *box), (pix, box)) \
    L(l_ok, pixSetResolution, (PIX *pix, l_int32 xres, l_int32 yres), (pix, xres, yres))

#define POINTER(ret, name, params, args) ret(*name) params;
#define VOID_POINTER(name, params, args) void(*name) params;

typedef struct {
    bool loaded;     /* false when a library or a function is missing */
    char error[512]; /* then why, as dlerror said */
    OCR_FUNCTIONS(POINTER, VOID_POINTER, POINTER, VOID_POINTER)
} ocr_api;

/* Filled once per process, like the dynamic linker's own tables, which it
 * stands in for (paths.c resolves cairo the same way). */
static ocr_api api;
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

#define FROM_TESS(ret, name, params, args)                                                       \
    found = found && (*(void **)&api.name = dlsym(tess, #name));
#define VOID_FROM_TESS(name, params, args) FROM_TESS(void, name, params, args)
#define FROM_LEPT(ret, name, params, args)                                                       \
    found = found && (*(void **)&api.name = dlsym(lept, #name));
#define VOID_FROM_LEPT(name, params, args) FROM_LEPT(void, name, params, args)

static void load(void)
{
    /* Leptonica first: Tesseract needs it, and it names the missing one */
    void *lept = dlopen(BX_LEPT_SONAME, RTLD_NOW | RTLD_LOCAL);
    void *tess = lept ? dlopen(BX_TESSERACT_SONAME, RTLD_NOW | RTLD_LOCAL) : NULL;
    bool found = tess != NULL;
    OCR_FUNCTIONS(FROM_TESS, VOID_FROM_TESS, FROM_LEPT, VOID_FROM_LEPT)
    if (found) { /* both stay loaded for the process's life */
        api.loaded = true;
        return;
    }
    const char *why = dlerror();
    snprintf(api.error, sizeof api.error, "%s", why ? why : "not found");
    if (tess)
        dlclose(tess);
    if (lept)
        dlclose(lept);
}

bool bx_ocr_library(char *why, size_t size)
{
    pthread_once(&api_once, load);
    if (!api.loaded)
        snprintf(why, size, "OCR needs Tesseract and Leptonica (%s): install the "
                            "libtesseract5 and liblept5 packages", api.error);
    return api.loaded;
}

/* The table. bx_ocr_new asked bx_ocr_library first, so a call without the
 * libraries is a caller that skipped it: a program error, not an input's. */
static const ocr_api *loaded(void)
{
    pthread_once(&api_once, load);
    if (!api.loaded) {
        fprintf(stderr, "budgetx: OCR: %s\n", api.error);
        abort();
    }
    return &api;
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

OCR_FUNCTIONS(FORWARD, VOID_FORWARD, FORWARD, VOID_FORWARD)
