/* placeholder: being written */
#ifndef __ANPREVENT_H__
#define __ANPREVENT_H__
#endif
