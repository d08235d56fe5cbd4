"""The ctypes binding to libbudgetx: the only module that touches C.

The C library hands a report over as its table JSON (the format of
doc/FORMAT.md), not as structs: the JSON is the stable interface, so the
Python module does not break when a struct's layout changes. ctypes drops
the GIL for the length of every foreign call, so extractions in a thread
pool run in parallel.
"""
import ctypes
import ctypes.util
import os

# bx_status (common/bx_common.h), in order.
STATUS_NAMES = (
    "ok", "usage", "missing", "not_file", "empty", "not_pdf", "encrypted",
    "damaged", "no_text", "no_tables", "io", "nomem", "too_large",
)


class _Error(ctypes.Structure):
    """bx_error: a status code and a one-line message."""
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char * 512)]


def _candidates():
    env = os.environ.get("BUDGETX_LIB")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    try:  # an installed package: cmake --install wrote the library's path
        from ._libpath import LIBRARY
        yield LIBRARY
    except ImportError:
        pass
    # The source tree: python/budgetx -> build/.
    for build in ("build", "build-asan"):
        yield os.path.normpath(os.path.join(here, "..", "..", build, "libbudgetx.so"))
    found = ctypes.util.find_library("budgetx")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
            continue
        lib.bx_open_json.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                                     ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_Error)]
        lib.bx_open_json.restype = ctypes.c_int
        lib.bx_free.argtypes = [ctypes.c_void_p]
        lib.bx_free.restype = None
        lib.bx_version.argtypes = []
        lib.bx_version.restype = ctypes.c_char_p
        return lib
    raise ImportError("budgetx: libbudgetx.so not found (set BUDGETX_LIB, or build the "
                      "project: tried " + ", ".join(tried) + ")")


_lib = _load()


def version():
    return _lib.bx_version().decode()


def open_json(path, pages=None, password=None):
    """Runs the reader on path; returns (status name, JSON text or message)."""
    out = ctypes.c_void_p()
    err = _Error()
    enc = lambda s: None if s is None else os.fsencode(s)
    status = _lib.bx_open_json(enc(path), enc(pages), enc(password), ctypes.byref(out),
                               ctypes.byref(err))
    if status != 0:
        name = STATUS_NAMES[status] if 0 <= status < len(STATUS_NAMES) else str(status)
        return name, err.message.decode("utf-8", "replace")
    try:
        return "ok", ctypes.string_at(out.value).decode("utf-8")
    finally:
        _lib.bx_free(out)
