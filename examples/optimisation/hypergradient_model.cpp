// Seed 000 problem 3 / seed 003 question 3: ten steps of gradient descent
// x_{k+1} = x_k - alpha_k grad f(x_k) on f(x) = 1/2 ||x||^2 (grad f(x) = x,
// written by hand), from x0; returns L = f(x_10). Its gradient in the step
// sizes alpha is the hypergradient.
#include <adgen/adgen.h>
#include <vector>

ADGEN(grad(alpha), len(alpha, 10), len(x0, n))
double loss_after_descent(const double *alpha, const double *x0, int n) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = x0[i];
  for (int k = 0; k < 10; ++k)
    for (int i = 0; i < n; ++i)
      x[i] = x[i] - alpha[k] * x[i];
  double L = 0;
  for (int i = 0; i < n; ++i)
    L += 0.5 * x[i] * x[i];
  return L;
}
