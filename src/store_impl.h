/* store_impl.h - private to the store stage (store.c, store_sqlite.c).
 *
 * store_sqlite.c registers "rk-sqlite", a Redland storage module over the
 * very files of librdf's own "sqlite" module: reads go through prepared
 * statements of its own, everything else is handed to librdf's module.
 */
#ifndef REVIEWKG_STORE_IMPL_H
#define REVIEWKG_STORE_IMPL_H

#include <redland.h>

#define RK_SQLITE_STORAGE "rk-sqlite"

/** Register the "rk-sqlite" storage with @p world (once per world). */
int rk_store_register_sqlite(librdf_world *world);

#endif
