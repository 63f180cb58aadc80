# Sanitizer support for adgen's lit suites, used when the build has
# -DADGEN_SANITIZE=ON (scripts/test.sh --sanitize); a no-op otherwise.
#
# configure() sets ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS for every
# test (the caller's values are appended, so they win) and, for the ShTest
# suite, installs a test format that sends each sanitizer report to a file of
# the test's own (log_path) and fails the test when one exists. A report
# would otherwise go unnoticed behind `not %adgen ...` (lit's `not` inverts
# any failure, a sanitizer's exit included) or a FileCheck that reads stderr.
import glob
import os
import shutil

import lit.Test
import lit.TestRunner
import lit.formats

ASAN_OPTIONS = "detect_leaks=1:halt_on_error=1:check_initialization_order=1"
UBSAN_OPTIONS = "halt_on_error=1:print_stacktrace=1:report_error_type=1"


def _options(var, default):
    extra = os.environ.get(var, "")
    return default + (":" + extra if extra else "")


def configure(config, shtest):
    if not config.sanitizer_flags:
        return
    config.available_features.add("sanitizers")
    supp = os.path.join(config.adgen_src_root, "test", "lsan.supp")
    config.environment["ASAN_OPTIONS"] = _options("ASAN_OPTIONS", ASAN_OPTIONS)
    config.environment["UBSAN_OPTIONS"] = _options("UBSAN_OPTIONS", UBSAN_OPTIONS)
    config.environment["LSAN_OPTIONS"] = _options(
        "LSAN_OPTIONS", "suppressions=" + supp + ":print_suppressions=0")
    if "ASAN_SYMBOLIZER_PATH" in os.environ:
        config.environment["ASAN_SYMBOLIZER_PATH"] = os.environ["ASAN_SYMBOLIZER_PATH"]
    if shtest:
        config.test_format = ShTestWithSanitizerLogs(execute_external=False)


class ShTestWithSanitizerLogs(lit.formats.ShTest):
    """ShTest that fails a test for any ASan/UBSan/LSan report of a process
    it ran, whatever that process's exit status did to the RUN line."""

    def execute(self, test, litConfig):
        _, tmp_base = lit.TestRunner.getTempPaths(test)
        log_dir = tmp_base + ".sanitizer"
        shutil.rmtree(log_dir, ignore_errors=True)
        os.makedirs(log_dir)
        env = test.config.environment
        saved = {var: env[var] for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS")}
        log = ":log_path=" + os.path.join(log_dir, "report")
        for var, value in saved.items():
            env[var] = value + log
        try:
            result = super().execute(test, litConfig)
        finally:
            env.update(saved)
        reports = sorted(glob.glob(os.path.join(log_dir, "report*")))
        if not reports:
            return result
        text = "\nFAILED: a sanitizer reported an error (test/lit_sanitizers.py)"
        text += "".join("\n== sanitizer report %s ==\n%s" %
                       (path, open(path, errors="replace").read())
                       for path in reports)
        if isinstance(result, tuple):
            code, output = result
            return lit.Test.FAIL if code == lit.Test.PASS else code, output + text
        if result.code == lit.Test.PASS:
            result.code = lit.Test.FAIL
        result.output = (result.output or "") + text
        return result
