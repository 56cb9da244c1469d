/* Memcheck client requests for the ctgrind check (valgrind's
 * memcheck.h): outside valgrind every request is a no-op. */
#include <stddef.h>
#include <valgrind/memcheck.h>

void ctgrind_make_undefined(const void *p, size_t n) { VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void ctgrind_make_defined(const void *p, size_t n) { VALGRIND_MAKE_MEM_DEFINED(p, n); }
unsigned ctgrind_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
unsigned ctgrind_error_count(void) { return VALGRIND_COUNT_ERRORS; }
