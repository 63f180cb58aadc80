//===- adolc_tapes.h - The same functions taped by ADOL-C -------*- C++ -*-===//
// Each function is taped once; the benchmark then times gradient(), which
// replays the tape forward and sweeps it in reverse.
//===----------------------------------------------------------------------===//
#pragma once

#include <vector>

void tape_quadratic(short tag, const std::vector<double> &x,
                    const std::vector<double> &A, const std::vector<double> &b,
                    int n);
void tape_log_sum_exp(short tag, const std::vector<double> &A,
                      const std::vector<double> &b,
                      const std::vector<double> &x, int m, int n);
void tape_factorization(short tag, const std::vector<double> &UV,
                        const std::vector<double> &Y, int n, int k);
void tape_rosenbrock(short tag, const std::vector<double> &x, int n);

// adolc_kernels.cpp: the independents are the concatenated inputs.
void tape_matmul(short tag, const std::vector<double> &AB, int n);
void tape_atax(short tag, const std::vector<double> &Ax, int n);
void tape_jacobi(short tag, const std::vector<double> &A0, int n, int tsteps);
void tape_cholesky(short tag, const std::vector<double> &A0, int n);
void tape_lu(short tag, const std::vector<double> &A0, int n);

// adolc_gmm.cpp: params = alphas, means, icf.
void tape_gmm(short tag, const std::vector<double> &params,
              const std::vector<double> &x, int d, int k, int n,
              double wishart_gamma, int wishart_m);

// adolc_calls.cpp: the independents are the weights.
void tape_mlp(short tag, const std::vector<double> &w,
              const std::vector<double> &data, const std::vector<double> &y,
              int n, int d, int h);

// adolc_second_order.cpp: the independents are x, or the weights W.
void tape_rosen2(short tag, const std::vector<double> &x);
void tape_lse2(short tag, const std::vector<double> &x);
void tape_net2(short tag, const std::vector<double> &W,
               const std::vector<double> &X, const std::vector<double> &y,
               int m, int d, int h);
