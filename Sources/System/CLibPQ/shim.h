// libpq, PostgreSQL's own C client (Debian libpq-dev). The include path comes from pkg-config
// (`libpq`), which puts /usr/include/postgresql on the search path.
#include <libpq-fe.h>
