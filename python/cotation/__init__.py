"""cotation from Python: a rule set compiled once, claims decided as dicts or as JSON Lines.

Over libcotation's C ABI (include/cotation/cotation.h) with ctypes: nothing is compiled at
install, and ctypes releases the GIL during every call into the library, so threads decide
claims in parallel.

    rules = cotation.RuleSet("/usr/share/cotation/rules")
    decision = rules.evaluate({"id": "c1", "date": "2024-03-04", ...})
    out = rules.evaluate_jsonl(open("claims.jsonl", "rb").read())

The library is found, in this order: the `library` argument of load(), the COTATION_LIBRARY
environment variable (a path to libcotation.so), then the dynamic loader (libcotation.so.0.1
installed in a system directory or on LD_LIBRARY_PATH).
"""

import ctypes
import ctypes.util
import json
import os
import threading

__all__ = ["RuleSet", "CotationError", "RulesError", "load", "version"]

SONAME = "libcotation.so.0.1"

_OK, _INVALID_ARGUMENT, _RULES_INVALID, _BUFFER_TOO_SMALL = 0, 1, 2, 3
_AS_SIGNED, _ENGLISH, _EXPLAIN = 1, 2, 1


class CotationError(Exception):
    """A call into the library failed: `status` is its cotation_status, the message says why."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class RulesError(CotationError):
    """The rule set does not compile; `diagnostics` lists the errors and warnings (dicts with
    severity, id, file, line, column, message, hint)."""

    def __init__(self, status, message, diagnostics):
        super().__init__(status, message)
        self.diagnostics = diagnostics


class _RuleText(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("text", ctypes.c_char_p), ("text_length", ctypes.c_size_t)]


_library = None
_load_lock = threading.Lock()


def _declare(lib):
    c = ctypes
    out_text = c.POINTER(c.POINTER(c.c_char))
    signatures = {
        "cotation_version": (c.c_char_p, []),
        "cotation_abi_version": (c.c_int, []),
        "cotation_format_version": (c.c_int, []),
        "cotation_last_error": (c.c_char_p, []),
        "cotation_compile_directory": (c.c_int, [c.c_char_p, c.c_uint, c.POINTER(c.c_void_p), out_text]),
        "cotation_compile_texts": (
            c.c_int, [c.POINTER(_RuleText), c.c_size_t, c.c_uint, c.POINTER(c.c_void_p), out_text]),
        "cotation_rules_free": (None, [c.c_void_p]),
        "cotation_rules_hash": (c.c_char_p, [c.c_void_p]),
        "cotation_evaluator_new": (c.c_int, [c.c_void_p, c.POINTER(c.c_void_p)]),
        "cotation_evaluator_free": (None, [c.c_void_p]),
        "cotation_evaluate": (
            c.c_int, [c.c_void_p, c.c_char_p, c.c_size_t, c.c_void_p, c.c_size_t, c.POINTER(c.c_size_t)]),
        "cotation_explain": (c.c_int, [c.c_void_p, c.c_char_p, c.c_size_t, out_text, c.POINTER(c.c_size_t)]),
        "cotation_evaluate_jsonl": (
            c.c_int, [c.c_void_p, c.c_char_p, c.c_size_t, c.c_uint, c.c_uint, out_text, c.POINTER(c.c_size_t)]),
        "cotation_free_string": (None, [c.c_void_p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def load(library=None):
    """Loads libcotation (see the module's doc for where it is looked for) and returns it.
    Called by RuleSet on first use; call it first to choose the library."""
    global _library
    with _load_lock:
        if _library is None or library is not None:
            path = library or os.environ.get("COTATION_LIBRARY") or SONAME
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                found = ctypes.util.find_library("cotation") if path == SONAME else None
                if found is None:
                    raise
                lib = ctypes.CDLL(found)
            _library = _declare(lib)
        return _library


def version():
    """The loaded library's version, ABI version and decision format version."""
    lib = load()
    return lib.cotation_version().decode(), lib.cotation_abi_version(), lib.cotation_format_version()


def _error(lib, status):
    return CotationError(status, lib.cotation_last_error().decode("utf-8", "replace"))


def _take_string(lib, pointer, length):
    """The bytes of a string the library handed over, which is then freed."""
    try:
        return ctypes.string_at(pointer, length)
    finally:
        lib.cotation_free_string(pointer)


class _Evaluator:
    """One thread's cotation_evaluator and output buffer."""

    def __init__(self, lib, rules_handle):
        self._lib = lib
        self.handle = ctypes.c_void_p()
        status = lib.cotation_evaluator_new(rules_handle, ctypes.byref(self.handle))
        if status != _OK:
            raise _error(lib, status)
        self.buffer = ctypes.create_string_buffer(16384)
        self.length = ctypes.c_size_t()

    def __del__(self):
        if self.handle:
            self._lib.cotation_evaluator_free(self.handle)
            self.handle = None


class RuleSet:
    """A compiled rule set: from a directory (`path`) or from files in memory (`files`, a mapping
    or pairs of name and text), read as consolidated or, with as_signed=True, as the texts were
    signed. Raises RulesError when it does not compile. With english=True, the diagnostics and the
    messages of the decisions are in English (the rules' own texts stay French). Safe to share
    between threads: each thread gets its own evaluator."""

    def __init__(self, path=None, *, files=None, as_signed=False, english=False):
        if (path is None) == (files is None):
            raise TypeError("RuleSet needs a path or files, not both")
        lib = self._lib = load()
        flags = (_AS_SIGNED if as_signed else 0) | (_ENGLISH if english else 0)
        handle = ctypes.c_void_p()
        diagnostics = ctypes.POINTER(ctypes.c_char)()
        if path is not None:
            status = lib.cotation_compile_directory(os.fsencode(path), flags, ctypes.byref(handle),
                                                    ctypes.byref(diagnostics))
        else:
            pairs = list(files.items()) if hasattr(files, "items") else list(files)
            texts = [(name.encode(), text.encode() if isinstance(text, str) else bytes(text)) for name, text in pairs]
            array = (_RuleText * max(len(texts), 1))(*[_RuleText(n, t, len(t)) for n, t in texts])
            status = lib.cotation_compile_texts(array, len(texts), flags, ctypes.byref(handle),
                                                ctypes.byref(diagnostics))
        message = lib.cotation_last_error().decode("utf-8", "replace")
        self.diagnostics = json.loads(_take_string(lib, diagnostics, -1)) if diagnostics else []
        if status == _RULES_INVALID:
            raise RulesError(status, message, self.diagnostics)
        if status != _OK:
            raise CotationError(status, message)
        self._handle = handle
        self._local = threading.local()
        self.hash = lib.cotation_rules_hash(handle).decode()

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            self._lib.cotation_rules_free(handle)
            self._handle = None

    def _evaluator(self):
        evaluator = getattr(self._local, "evaluator", None)
        if evaluator is None:
            evaluator = self._local.evaluator = _Evaluator(self._lib, self._handle)
        return evaluator

    def evaluate_json(self, claim):
        """Decides one claim given as JSON text (str or bytes, one line); the decision's JSON (bytes)."""
        data = claim.encode() if isinstance(claim, str) else claim
        evaluator = self._evaluator()
        lib = self._lib
        status = lib.cotation_evaluate(evaluator.handle, data, len(data), evaluator.buffer,
                                       len(evaluator.buffer), ctypes.byref(evaluator.length))
        if status == _BUFFER_TOO_SMALL:
            evaluator.buffer = ctypes.create_string_buffer(evaluator.length.value + 1)
            status = lib.cotation_evaluate(evaluator.handle, data, len(data), evaluator.buffer,
                                           len(evaluator.buffer), ctypes.byref(evaluator.length))
        if status != _OK:
            raise _error(lib, status)
        return evaluator.buffer.raw[: evaluator.length.value]

    def evaluate(self, claim):
        """Decides one claim (a dict in the format of docs/claim-format.md), alone: counts of the
        patient's earlier sessions come from the claim's own fields. Returns the decision as a dict."""
        return json.loads(self.evaluate_json(_dumps(claim)))

    def explain(self, claim):
        """evaluate(), with the steps that led to the decision in its "explanation" list."""
        data = _dumps(claim)
        evaluator = self._evaluator()
        lib = self._lib
        out = ctypes.POINTER(ctypes.c_char)()
        status = lib.cotation_explain(evaluator.handle, data, len(data), ctypes.byref(out),
                                      ctypes.byref(evaluator.length))
        if status != _OK:
            raise _error(lib, status)
        return json.loads(_take_string(lib, out, evaluator.length.value))

    def evaluate_jsonl(self, claims, jobs=1, explain=False):
        """Decides claims given as JSON Lines (bytes): one decision line per input line, in input
        order, the bytes `cotation eval` writes (a patient's earlier claims count for its later
        ones). `jobs` threads of the library decide."""
        data = bytes(claims)
        lib = self._lib
        out = ctypes.POINTER(ctypes.c_char)()
        length = ctypes.c_size_t()
        status = lib.cotation_evaluate_jsonl(self._handle, data, len(data), jobs, _EXPLAIN if explain else 0,
                                             ctypes.byref(out), ctypes.byref(length))
        if status != _OK:
            raise _error(lib, status)
        return _take_string(lib, out, length.value)


def _dumps(claim):
    if not isinstance(claim, dict):
        raise TypeError(f"a claim is a dict, not {type(claim).__name__}")
    return json.dumps(claim, ensure_ascii=False, separators=(",", ":")).encode()
