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
