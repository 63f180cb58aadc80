#include <adgen/adgen.h>
#include <cmath>

namespace demo {
ADGEN(grad, jvp)
double branchy(double x, double y) {
  double r = x * y;
  if (x > y)
    r = std::sin(r);
  else
    r = std::exp(-r);
  return r + x;
}
} // namespace demo
