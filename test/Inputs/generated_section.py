"""Prints the section adgen generated in a source file (tests FileCheck it
without matching the CHECK lines of the copied input)."""
import sys

text = open(sys.argv[1]).read()
start = text.find("\n// ---- BEGIN adgen generated code")
sys.stdout.write(text[start + 1:] if start >= 0 else "")
