// The request: derivatives of physics::chain_energy<double>, generated into
// model.ad.cpp and declared in model.ad.h.
#include <adgen/adgen.h>

#include "physics.h"

ADGEN_DIFFERENTIATE(physics::chain_energy<double>, grad, len(x, n));
