/* placeholder: being written */
#include "anprhotlist.h"
typedef int anpr_placeholder_anprhotlist;
