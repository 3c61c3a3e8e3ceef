// PROJ transforms plus Karney's geodesic routines (geod_polygonarea), both in libproj.
#include <proj.h>
#include <geodesic.h>
