# lit runs the GoogleTest unit tests, one lit test per TEST().
import os
import lit.formats

config.name = "adgen-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = os.path.join(config.adgen_obj_root, "test", "unit")
config.test_exec_root = config.test_source_root
