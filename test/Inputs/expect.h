// expect(condition, what) for the compiled-and-run tests: prints what failed
// and clears ok, which main() returns; shared so each test states only its
// checks.
#ifndef ADGEN_TEST_EXPECT_H
#define ADGEN_TEST_EXPECT_H

#include <cstdio>

static bool ok = true;
static void expect(bool c, const char *what) {
  if (!c) {
    std::printf("FAILED: %s\n", what);
    ok = false;
  }
}

#endif
