//===- AnnotationTest.cpp - Parsing ADGEN(...) annotations ----------------===//
// Mode lists, argument lists and malformed input.
//===----------------------------------------------------------------------===//
#include "Frontend/Annotation.h"

#include <gtest/gtest.h>

using namespace adgen;

TEST(Annotation, ModesWithAndWithoutArguments) {
  std::vector<ModeSpec> Modes;
  std::string Error;
  ASSERT_TRUE(parseAnnotation("grad(x, y), jvp", Modes, Error)) << Error;
  ASSERT_EQ(Modes.size(), 2u);
  EXPECT_EQ(Modes[0].Name, "grad");
  EXPECT_TRUE(Modes[0].HasArgs);
  EXPECT_EQ(Modes[0].Args, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(Modes[1].Name, "jvp");
  EXPECT_FALSE(Modes[1].HasArgs);
}

TEST(Annotation, NestedExpressionArgumentsStayWhole) {
  std::vector<ModeSpec> Modes;
  std::string Error;
  ASSERT_TRUE(parseAnnotation("len(L, n * (n + 1) / 2)", Modes, Error));
  ASSERT_EQ(Modes.size(), 1u);
  EXPECT_EQ(Modes[0].Args,
            (std::vector<std::string>{"L", "n * (n + 1) / 2"}));
}

TEST(Annotation, EmptyMeansNoModes) {
  std::vector<ModeSpec> Modes;
  std::string Error;
  EXPECT_TRUE(parseAnnotation("  ", Modes, Error));
  EXPECT_TRUE(Modes.empty());
}

TEST(Annotation, MalformedInputIsRejected) {
  for (const char *Bad : {"grad(x", "grad x", "grad(,)", "(x)", "grad,"}) {
    std::vector<ModeSpec> Modes;
    std::string Error;
    EXPECT_FALSE(parseAnnotation(Bad, Modes, Error)) << Bad;
    EXPECT_FALSE(Error.empty()) << Bad;
  }
}
