/* analysis-csv.c — csv of the activity diagnosis, derived from its JSON:
 * a long format for `fokus analyze` (every figure one row, easy to pivot
 * in a spreadsheet) and wide tables for `compare` and `uncontacted`. */
#include "render/analysis-csv.h"
#include "render/csvw.h"

#include <stdbool.h>
#include <string.h>

/* A scalar as csv text: integers as they are, reals with up to 15
 * significant digits, booleans true/false, null empty. */
static const char *scalar(char *buf, size_t size, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	case JSON_REAL:
		snprintf(buf, size, "%.15g", json_real_value(v));
		return buf;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "";
	}
}

static bool is_key(const char *k)
{
	return !strcmp(k, "seller_id") || !strcmp(k, "category") || !strcmp(k, "week") ||
	       !strcmp(k, "text") || !strcmp(k, "name");
}

static const char *field(char *buf, size_t size, const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	return v ? scalar(buf, size, v) : "";
}

static void long_rows(FILE *f, const char *section, const json_t *o)
{
	char sid[64], cat[16], week[16], text[8], val[64];
	const char *key;
	const json_t *v;
	bool first = true;
	json_object_foreach((json_t *)o, key, v)
	{
		if (is_key(key) || json_is_object(v) || json_is_array(v))
			continue;
		/* A finding's sentence once, on its first row. */
		const char *cells[7] = {section,
		                        field(sid, sizeof(sid), o, "seller_id"),
		                        field(cat, sizeof(cat), o, "category"),
		                        field(week, sizeof(week), o, "week"),
		                        key,
		                        scalar(val, sizeof(val), v),
		                        first ? field(text, sizeof(text), o, "text") : ""};
		csvw_row(f, cells, 7);
		first = false;
	}
}

void analysis_csv_long(FILE *f, const json_t *root)
{
	static const char *const head[7] = {"section", "seller_id", "category", "week",
	                                    "measure", "value",     "text"};
	csvw_row(f, head, 7);
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)root, key, v)
	{
		if (json_is_object(v)) {
			long_rows(f, key, v);
		} else if (json_is_array(v)) {
			size_t i;
			const json_t *e;
			json_array_foreach(v, i, e) if (json_is_object(e)) long_rows(f, key, e);
		} else {
			char val[64];
			const char *cells[7] = {key, "", "", "", key, scalar(val, sizeof(val), v),
			                        ""};
			csvw_row(f, cells, 7);
		}
	}
}

void analysis_csv_table(FILE *f, const json_t *array, const char *const *cols)
{
	int n = 0;
	while (cols[n])
		n++;
	csvw_row(f, cols, n);
	char buf[16][64];
	const char *cells[16];
	size_t i;
	const json_t *e;
	json_array_foreach(array, i, e)
	{
		for (int c = 0; c < n && c < 16; c++)
			cells[c] = field(buf[c], sizeof(buf[c]), e, cols[c]);
		csvw_row(f, cells, n < 16 ? n : 16);
	}
}
