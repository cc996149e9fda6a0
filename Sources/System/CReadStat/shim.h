#ifndef FIELDWORK_CREADSTAT_SHIM_H
#define FIELDWORK_CREADSTAT_SHIM_H
#include <readstat.h>
#endif
