/* The talent core with 128-bit scene and actor sets, for instances past 64 of either:
 * the same source as _talent.c, built as its own module (see TALENT_WIDE there). */
#define TALENT_WIDE 1
#include "_talent.c"
