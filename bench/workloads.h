//===- workloads.h - The functions of issue 9's workloads -------*- C++ -*-===//
// Declarations of the marked functions in rosenbrock_spellings.cpp,
// kernels.cpp, factorizations.cpp, gmm.cpp, calls.cpp and jacobians.cpp
// (their .ad.h
// declare the rest).
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>

double rosen_plus_one(const double *x, int n);
double rosen_size_t(const double *x, std::size_t n);
double rosen_while(const double *x, int n);
double rosen_down(const double *x, int n);
double rosen_pointer(const double *x, int n);
double rosen_declared(const double *x, int n);
template <typename T> T rosen_template(const T *x, int n);
extern template double rosen_template<double>(const double *, int);

double matmul_loss(const double *A, const double *B, int n);
double atax_loss(const double *A, const double *x, int n);
double jacobi_loss(const double *A0, int n, int tsteps);

double cholesky_logdet(const double *A0, int n);
double lu_logdet(const double *A0, int n);

// A template, as ADBench writes it; gmm.cpp instantiates it on double.
template <typename T>
T gmm_objective(int d, int k, int n, const T *alphas, const T *means,
                const T *icf, const double *x, double wishart_gamma,
                int wishart_m);
extern template double gmm_objective<double>(int, int, int, const double *,
                                             const double *, const double *,
                                             const double *, double, int);
namespace plain { // gmm.cpp with T spelled double (bench/CMakeLists.txt)
double gmm_objective(int d, int k, int n, const double *alphas,
                     const double *means, const double *icf, const double *x,
                     double wishart_gamma, int wishart_m);
} // namespace plain

double mlp_calls(const double *w, const double *data, const double *y, int n,
                 int d, int h);
double mlp_inline(const double *w, const double *data, const double *y, int n,
                  int d, int h);

// jacobians.cpp
void softmax2(const double *x, int n, double *s);
void pool4(const double *x, int m, double *y);
void chain_residuals(const double *x, int n, double *r);
