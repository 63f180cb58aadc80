// The functions to differentiate. ADGEN(...) comes from <adgen/adgen.h>.
#include <adgen/adgen.h>
#include <cmath>

// Seed 000, problem 1.
ADGEN(grad, jvp)
double f(double x, double y) {
  return std::exp(-std::pow(std::sin(x) + std::cos(y), 2));
}

// The Beale function (seed 003): minimum 0 at (3, 0.5).
ADGEN(grad)
double beale(double x, double y) {
  double a = 1.5 - x + x * y;
  double b = 2.25 - x + x * y * y;
  double c = 2.625 - x + x * y * y * y;
  return a * a + b * b + c * c;
}
