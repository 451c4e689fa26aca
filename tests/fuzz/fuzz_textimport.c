/*
 * fuzz_textimport: a page's text (what pdftotext gives) imported as an
 * edition (textimport_memory, folio --import-text), then written as an
 * edition file (view_edition_xml) and read back.
 *
 * Input: three option bytes, then the text.  Bytes 0 and 1 are the
 * screen (fuzz_screen); byte 2 the import's options: bits 0-1 the
 * language (none, en, de, fr), bit 2 a page label of its own ("A12"),
 * bit 3 a title and date given.
 *
 * Checked: textimport_memory refuses only with an error, and what it
 * makes holds as every loader's result (fuzz_check_load: the model's
 * invariants, no control character, the first page and article laid
 * out within bounds); the file --import-text writes of it loads again
 * with no error, valid against the schema, to the same contents
 * (view_toc) and the same words (view_article of every article).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "load.h"
#include "textimport.h"
#include "view.h"

/* What view writes of ed: its contents, or an article, into a string. */
static char *
toc_of(const struct edition *ed)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	FUZZ_ASSERT(fp != NULL);
	FUZZ_ASSERT(view_toc(ed, fp) == 0);
	fclose(fp);
	return s;
}

static char *
article_of(const struct edition *ed, size_t a, const struct layout_opts *o)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	FUZZ_ASSERT(fp != NULL);
	view_article(ed, a, o, fp);
	fclose(fp);
	return s;
}

/* The file --import-text writes of ed loads back the same. */
static void
check_round_trip(const struct edition *ed, const struct layout_opts *o)
{
	struct load_opts lo = { true, 0 };
	struct layout_opts ao = *o;
	struct edition *back;
	struct diags d;
	char *xml = NULL, *a, *b;
	size_t n = 0, i;
	int status = 0;
	FILE *fp = open_memstream(&xml, &n);

	FUZZ_ASSERT(fp != NULL);
	FUZZ_ASSERT(view_edition_xml(ed, fp) == 0);
	fclose(fp);
	diags_init(&d, "import.xml");
	back = load_memory(xml, n, &lo, &d, &status);
	FUZZ_CHECK(back && d.nerrors == 0, "the edition written does not "
		   "load again: %s\n%s", d.n ? d.v[0].msg : "", xml);
	a = toc_of(ed);
	b = toc_of(back);
	FUZZ_CHECK(!strcmp(a, b), "other contents once written:\n%s\n"
		   "---\n%s", a, b);
	free(a);
	free(b);
	if (ao.width < 20)
		ao.width = 20;
	for (i = 0; i < ed->narticles && i < back->narticles; i++) {
		a = article_of(ed, i, &ao);
		b = article_of(back, i, &ao);
		FUZZ_CHECK(!strcmp(a, b), "article %zu differs once written:"
			   "\n%s\n---\n%s", i, a, b);
		free(a);
		free(b);
	}
	edition_free(back);
	diags_release(&d);
	free(xml);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "en", "de", "fr" };
	struct text_import_opts io;
	struct layout_opts o;
	struct edition *ed;
	struct diags d;

	fuzz_init();		/* once: it remembers */
	if (size < 3)
		return 0;
	fuzz_screen(data, &o);
	memset(&io, 0, sizeof(io));
	io.lang = langs[data[2] & 3];
	if (data[2] & 4)
		io.page_label = "A12";
	if (data[2] & 8) {
		io.title = "The Fuzz Gazette";
		io.date = "2026-11-29";
	}
	diags_init(&d, "page.txt");
	ed = textimport_memory((const char *)data + 3, size - 3, &io, &d);
	if (ed)
		check_round_trip(ed, &o);
	fuzz_check_load(ed, &d, ed ? 0 : 65, &o);
	diags_release(&d);
	return 0;
}
