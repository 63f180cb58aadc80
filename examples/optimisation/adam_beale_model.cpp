// Seed 003: the Beale function, minimum 0 at (3, 0.5).
#include <adgen/adgen.h>

ADGEN(grad)
double beale(double x, double y) {
  double a = 1.5 - x + x * y;
  double b = 2.25 - x + x * y * y;
  double c = 2.625 - x + x * y * y * y;
  return a * a + b * b + c * c;
}
