# lit configuration of adgen's regression tests: FileCheck tests of the IR,
# C++, DOT and diagnostics adgen writes, and compiled-and-run checks of every
# generated derivative against finite differences.
import os
import lit.formats

config.name = "adgen"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.adgen_obj_root, "test")

runtime = os.path.join(config.adgen_src_root, "runtime", "include")
# Flags for compiling generated code: it must build without warnings.
inputs = os.path.join(config.adgen_src_root, "test", "Inputs")
cxxflags = ("-std=c++17 -O1 -Wall -Wextra -Werror -I" + runtime + " -I" +
            inputs)
# -DADGEN_SANITIZE=ON: the generated code runs under ASan and UBSan too, and
# so do the CMake projects of test/package (%package_flags).
package_flags = ""
if config.sanitizer_flags:
    cxxflags += " " + config.sanitizer_flags
    package_flags = '"-DCMAKE_CXX_FLAGS=' + config.sanitizer_flags + '"'
config.substitutions.append(("%adgen", config.adgen_tool))
config.substitutions.append(("%cxxflags", cxxflags))
config.substitutions.append(("%gxx", config.gxx))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%src_root", config.adgen_src_root))
config.substitutions.append(("%obj_root", config.adgen_obj_root))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%package_flags", package_flags))
config.substitutions.append(("%runtime", runtime))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(
    ("%section", "python3 " + os.path.join(config.adgen_src_root, "test",
                                           "Inputs", "generated_section.py")))
config.substitutions.append(
    ("%random_programs", "python3 " + os.path.join(config.adgen_src_root, "test",
                                                   "Inputs", "random_programs.py")))

# FileCheck and not come from LLVM 19.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
for var in ["HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

import sys
sys.path.insert(0, os.path.join(config.adgen_src_root, "test"))
sys.dont_write_bytecode = True
import lit_sanitizers
lit_sanitizers.configure(config, shtest=True)

import shutil
if shutil.which("dot"):
    config.available_features.add("graphviz")
