/* placeholder: being written */
#include "anprevent.h"
typedef int anpr_placeholder_anprevent;
