/* placeholder: being written */
#ifndef __ANPRHOTLIST_H__
#define __ANPRHOTLIST_H__
#endif
