/*
 * fold_table: what each character folds to for search (lowercase, accents
 * and marks off, ligatures and full-width forms spelled out), sorted by
 * code point; written by src/fold-table.py from Unicode's data.
 */
#ifndef FOLIO_FOLD_TABLE_H
#define FOLIO_FOLD_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct fold_entry {
	uint32_t cp;
	const char *to;		/* UTF-8, possibly empty (a mark) */
};
extern const struct fold_entry fold_table[];
extern const size_t fold_table_len;

/* What cp folds to, or NULL when it stays as it is (search.c). */
const char *fold_lookup(uint32_t cp);

#endif
