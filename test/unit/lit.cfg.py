# lit runs the GoogleTest unit tests, one lit test per TEST().
import os
import lit.formats

config.name = "adgen-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = os.path.join(config.adgen_obj_root, "test", "unit")
config.test_exec_root = config.test_source_root

# -DADGEN_SANITIZE=ON: ASan/UBSan/LSan options (test/lit_sanitizers.py).
import sys
sys.path.insert(0, os.path.join(config.adgen_src_root, "test"))
sys.dont_write_bytecode = True
import lit_sanitizers
lit_sanitizers.configure(config, shtest=False)
