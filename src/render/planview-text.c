/* planview-text.c — the coverage plan as the terminal report of `fokus
 * plan`: the decision in lines, the tables, the customers that change
 * owner. */
#include "render/planview.h"
#include "render/planview-int.h"
#include "render/table.h"

#include <stdlib.h>

/* --- the terminal report ------------------------------------------------- */

#define MAX_CHANGES 25

void planview_plan_text(FILE *f, const struct plan_inputs *in, const struct plan_result *r,
                        enum lang lang)
{
	char a[32], b[32];
	fprintf(f,
	        TR(lang, "Coverage plan — snapshot %lld: %s customers, %s persons\n\n",
	           "Täckningsplan — ögonblicksbild %lld: %s kunder, %s personer\n\n"),
	        (long long)in->snapshot_id, fmt_int(a, sizeof(a), (int64_t)r->nassign, lang),
	        fmt_int(b, sizeof(b), (int64_t)r->nperson, lang));
	char **lines;
	int n;
	planview_plan_summary(in, r, lang, &lines, &n);
	fprintf(f, "%s\n", TR(lang, "The decision", "Beslutet"));
	for (int i = 0; i < n; i++)
		fprintf(f, "  • %s\n", lines[i]);
	planview_lines_free(lines, n);
	struct planview_table *t[PV_NTABLES];
	planview_plan_tables(in, r, lang, false, t);
	static const int order[] = {PV_WORKLOAD, PV_WHATIF, PV_HEADCOUNT, PV_RESPONSE};
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		fprintf(f, "\n%s\n", t[order[k]]->title);
		planview_write_text(f, t[order[k]], lang);
	}
	for (int k = 0; k < PV_NTABLES; k++)
		planview_table_free(t[k]);
	struct planview_table *ch = pv_assignments(in, r, lang, false, true);
	fprintf(f, "\n%s\n",
	        TR(lang, "Customers that change owner (the most valuable first)",
	           "Kunder som byter ansvarig (de mest värdefulla först)"));
	if (ch->nrows) {
		pv_write_text_rows(f, ch, lang, MAX_CHANGES);
		if (ch->nrows > MAX_CHANGES)
			fprintf(f,
			        TR(lang,
			           "… %zu more: every customer in --format csv, json or xlsx\n",
			           "… %zu till: alla kunder med --format csv, json eller xlsx\n"),
			        ch->nrows - MAX_CHANGES);
	} else {
		fprintf(f, "%s\n",
		        TR(lang, "(none: every customer stays)", "(inga: alla kunder stannar)"));
	}
	planview_table_free(ch);
	fprintf(
	    f, "\n%s\n",
	    TR(lang,
	       "Value = expected yearly revenue from each customer's response curve at its contact "
	       "a year; the range is the\nmiddle 80 % over the fit's bootstrap. Formulas and an "
	       "example: docs/plan.md.",
	       "Värde = förväntad omsättning om året enligt varje kunds svarskurva vid dess "
	       "kontakt "
	       "om året; intervallet är\nde mittersta 80 % över anpassningens bootstrap. Formler "
	       "och exempel: docs/plan.md."));
}
