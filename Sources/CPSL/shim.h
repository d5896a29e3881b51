#ifndef FACTEUR_CPSL_SHIM_H
#define FACTEUR_CPSL_SHIM_H
#include <libpsl.h>
#endif
