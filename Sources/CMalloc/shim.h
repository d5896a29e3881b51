#ifndef FACTEUR_CMALLOC_SHIM_H
#define FACTEUR_CMALLOC_SHIM_H
/* glibc's malloc tuning (mallopt, malloc_trim), which Swift's Glibc module leaves out. */
#include <malloc.h>
#endif
