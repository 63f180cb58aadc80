//===- determinant.h - Determinants by cofactor expansion -----------------===//
// Shared by determinant.cpp (differentiated by adgen), the hand-written
// gradient and the benchmark.
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

namespace bench {

// determinant.cpp: a is n x n, row-major.
double det_cofactor(const double *a, int n);
template <typename T> T det_cofactor_vector(const std::vector<T> &a, int n);
// handwritten_determinant.cpp: g has n * n elements.
double det_cofactor_hand(const double *a, int n, double *g);

} // namespace bench
