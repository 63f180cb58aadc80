// Seed 004's function for the Taylor quadratic approximation:
// f(x1, x2) = 0.06 exp(2 x1 + x2) + 0.05 exp(x1 - 2 x2) + exp(-x1).
#include <adgen/adgen.h>
#include <cmath>

ADGEN(grad, hessian)
double taylor(double x1, double x2) {
  return 0.06 * std::exp(2 * x1 + x2) + 0.05 * std::exp(x1 - 2 * x2) +
         std::exp(-x1);
}
