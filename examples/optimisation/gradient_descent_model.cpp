// Seed 004: f(x1, x2) = x1 exp(-(x1^2 + x2^2)).
#include <adgen/adgen.h>
#include <cmath>

ADGEN(grad)
double bump(double x1, double x2) { return x1 * std::exp(-(x1 * x1 + x2 * x2)); }
