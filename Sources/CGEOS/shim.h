// Only the reentrant (_r) GEOS API: every call carries its own context handle.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
