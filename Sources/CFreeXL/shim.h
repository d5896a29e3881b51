#ifndef FACTEUR_CFREEXL_SHIM_H
#define FACTEUR_CFREEXL_SHIM_H
#include <freexl.h>
#endif
