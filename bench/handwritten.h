//===- handwritten.h - Analytic gradients to compare against ----*- C++ -*-===//
// What a careful person writes by hand: value and gradient in one pass where
// the maths allows it.
//===----------------------------------------------------------------------===//
#pragma once

double quadratic(const double *x, const double *A, const double *b, int n);
double log_sum_exp(const double *A, const double *b, const double *x, int m,
                   int n);
double factorization(const double *U, const double *V, const double *Y, int n,
                     int k);
double rosenbrock(const double *x, int n);

double quadratic_hand(const double *x, const double *A, const double *b, int n,
                      double *g);
double log_sum_exp_hand(const double *A, const double *b, const double *x,
                        int m, int n, double *g, double *z);
double factorization_hand(const double *U, const double *V, const double *Y,
                          int n, int k, double *dU, double *dV, double *R);
double rosenbrock_hand(const double *x, int n, double *g);

// handwritten_kernels.cpp; C, work, are caller-provided scratch arrays.
double matmul_hand(const double *A, const double *B, int n, double *dA,
                   double *dB, double *C /* n * n */);
double atax_hand(const double *A, const double *x, int n, double *dA,
                 double *dx, double *work /* 2 * n */);
double jacobi_hand(const double *A0, int n, int tsteps, double *dA0,
                   double *work /* 2 * n * n */);
double cholesky_hand(const double *A0, int n, double *dA0,
                     double *work /* 2 * n * n */);
double lu_hand(const double *A0, int n, double *dA0,
               double *work /* 4 * n * n */);

// handwritten_gmm.cpp
int gmm_hand_work_size(int d, int k);
double gmm_hand(int d, int k, int n, const double *alphas, const double *means,
                const double *icf, const double *x, double wishart_gamma,
                int wishart_m, double *d_alphas, double *d_means, double *d_icf,
                double *work);

// handwritten_calls.cpp
int mlp_hand_work_size(int h);
double mlp_hand(const double *w, const double *data, const double *y, int n,
                int d, int h, double *g, double *work);

// handwritten_second_order.cpp: Hessian-vector products.
void rosen2_hvp_hand(const double *x, int n, const double *v, double *hv);
void lse2_hvp_hand(const double *x, int n, const double *v, double *hv,
                   double *p /* n */);

// handwritten_jacobians.cpp: each writes f's outputs and J (m x n).
void softmax2_jacobian_hand(const double *x, int n, double *s, double *J);
void pool4_jacobian_hand(const double *x, int m, double *y, double *J);
void chain_residuals_jacobian_hand(const double *x, int n, double *r,
                                   double *J);
