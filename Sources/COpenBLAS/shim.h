// Debian's libopenblas-dev puts cblas.h in an alternatives-managed include directory that
// pkg-config adds to the search path.
#include <cblas.h>
// Declared by OpenBLAS, not part of the CBLAS standard.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
// The name of the kernel set OpenBLAS picked for this CPU (DYNAMIC_ARCH builds), e.g. "SkylakeX".
char *openblas_get_corename(void);
