/* cmd-sample.c — `fokus sample --out DIR`: writes the deterministic sample
 * company (core/sample.c) as four CSV files with the canonical English
 * column names: customers.csv, orders.csv, activities.csv, sellers.csv.
 * UTF-8 without BOM, comma-separated, LF, ISO dates, '.' decimals. Each file
 * is written to a temporary name and renamed when complete. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "core/sample.h"
#include "render/csvw.h"
#include "util/days.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

extern const struct command cmd_sample;

enum { F_CUSTOMERS, F_ORDERS, F_ACTIVITIES, F_SELLERS, F_COUNT };

static const char *const file_names[F_COUNT] = {"customers.csv", "orders.csv", "activities.csv",
                                                "sellers.csv"};
static const char *const headers[F_COUNT] = {
    "customer_id,name,org_number,address,postal_code,city,lat,lon,industry,employees,seller_id,"
    "potential,wallet,email,phone,open,close",
    "order_id,customer_id,date,amount,margin,seller_id",
    "date,seller_id,customer_id,type,duration_min,travel_min,km",
    "seller_id,name,role,hours_per_year,home_postal_code,home_lat,home_lon,email",
};

struct out {
	FILE *f[F_COUNT];
	long rows[F_COUNT];
	int64_t order_total;
	int32_t date_day; /* the day in date[] */
	char date[11];
};

/* Writes a coordinate with up to five decimals, without trailing zeros. */
static const char *coord(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.5f", v);
	char *e = buf + strlen(buf) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	return buf;
}

static const char *hhmm(char *buf, size_t size, int32_t min)
{
	if (min < 0)
		return "";
	snprintf(buf, size, "%02d:%02d", (int)(min / 60 % 100), (int)(min % 60));
	return buf;
}

static void on_seller(void *ctx, const struct sample_seller *s)
{
	struct out *o = ctx;
	char hours[32], lat[32], lon[32];
	snprintf(hours, sizeof(hours), "%.0f", s->hours_per_year);
	const char *cells[] = {s->id,
	                       s->name,
	                       role_code(s->role),
	                       hours,
	                       s->home_postal_code,
	                       coord(lat, sizeof(lat), s->home_lat),
	                       coord(lon, sizeof(lon), s->home_lon),
	                       s->email};
	csvw_row(o->f[F_SELLERS], cells, 8);
	o->rows[F_SELLERS]++;
}

static void on_customer(void *ctx, const struct sample_customer *c)
{
	struct out *o = ctx;
	char lat[32] = "", lon[32] = "", emp[24] = "", pot[32] = "", wal[32] = "", op[16], cl[16];
	if (c->has_loc) {
		coord(lat, sizeof(lat), c->lat);
		coord(lon, sizeof(lon), c->lon);
	}
	if (c->employees >= 0)
		snprintf(emp, sizeof(emp), "%" PRId64, c->employees);
	if (c->has_potential)
		fmt_minor_plain(pot, sizeof(pot), c->potential);
	if (c->has_wallet)
		fmt_minor_plain(wal, sizeof(wal), c->wallet);
	const char *cells[] = {c->id,
	                       c->name,
	                       c->org_number,
	                       c->address,
	                       c->postal_code,
	                       c->city,
	                       lat,
	                       lon,
	                       c->industry,
	                       emp,
	                       c->seller_id,
	                       pot,
	                       wal,
	                       c->email,
	                       c->phone,
	                       hhmm(op, sizeof(op), c->open_min),
	                       hhmm(cl, sizeof(cl), c->close_min)};
	csvw_row(o->f[F_CUSTOMERS], cells, 17);
	o->rows[F_CUSTOMERS]++;
}

/* Fast row formatting for the two big files: digits by hand, dates cached
 * (printf costs more than generating the rows). */
static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_u64(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_i64(char *p, int64_t v)
{
	if (v < 0) {
		*p++ = '-';
		return put_u64(p, (uint64_t)(-(v + 1)) + 1);
	}
	return put_u64(p, (uint64_t)v);
}

/* Minor units as fmt_minor_plain writes them: "1234.56", "-0.05", "45000". */
static char *put_minor(char *p, int64_t v)
{
	uint64_t mag = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	if (v < 0)
		*p++ = '-';
	p = put_u64(p, mag / 100);
	if (mag % 100) {
		*p++ = '.';
		*p++ = (char)('0' + mag % 100 / 10);
		*p++ = (char)('0' + mag % 10);
	}
	return p;
}

static const char *cached_iso(struct out *o, int32_t day)
{
	if (day != o->date_day || !o->date[0]) {
		days_iso(day, o->date);
		o->date_day = day;
	}
	return o->date;
}

static void on_order(void *ctx, const struct sample_order *r)
{
	struct out *o = ctx;
	char line[256], *p = line;
	p = put_i64(p, r->order_id);
	*p++ = ',';
	p = put_str(p, r->customer_id);
	*p++ = ',';
	p = put_str(p, cached_iso(o, r->day));
	*p++ = ',';
	p = put_minor(p, r->amount);
	*p++ = ',';
	p = put_minor(p, r->margin);
	*p++ = ',';
	p = put_str(p, r->seller_id ? r->seller_id : "");
	*p++ = '\n';
	fwrite(line, 1, (size_t)(p - line), o->f[F_ORDERS]);
	o->rows[F_ORDERS]++;
	o->order_total += r->amount;
}

static void on_activity(void *ctx, const struct sample_activity *a)
{
	struct out *o = ctx;
	char line[256], *p = line;
	int64_t km10 = llround(a->km * 10);
	p = put_str(p, cached_iso(o, a->day));
	*p++ = ',';
	p = put_str(p, a->seller_id);
	*p++ = ',';
	p = put_str(p, a->customer_id);
	*p++ = ',';
	p = put_str(p, activity_type_code(a->type));
	*p++ = ',';
	p = put_i64(p, a->duration_min);
	*p++ = ',';
	p = put_i64(p, a->travel_min);
	*p++ = ',';
	p = put_i64(p, km10 / 10);
	*p++ = '.';
	*p++ = (char)('0' + km10 % 10);
	*p++ = '\n';
	fwrite(line, 1, (size_t)(p - line), o->f[F_ACTIVITIES]);
	o->rows[F_ACTIVITIES]++;
}

static int make_dir(const char *dir)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	struct stat st;
	return rc == 0 && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static void print_summary(const struct sample_params *p, const struct out *o, const char *dir,
                          enum lang lang)
{
	char a[32], b[32], c[32], d[32], m[48], d1[11], d2[11];
	printf(TR(lang, "Sample company written to %s/\n", "Exempelföretaget skrivet till %s/\n"),
	       dir);
	printf(TR(lang, "  sellers.csv     %s sellers\n", "  sellers.csv     %s säljare\n"),
	       fmt_int(a, sizeof(a), o->rows[F_SELLERS], lang));
	printf(TR(lang, "  customers.csv   %s customers\n", "  customers.csv   %s kunder\n"),
	       fmt_int(b, sizeof(b), o->rows[F_CUSTOMERS], lang));
	printf(TR(lang, "  orders.csv      %s orders, %s, %s..%s\n",
	          "  orders.csv      %s order, %s, %s..%s\n"),
	       fmt_int(c, sizeof(c), o->rows[F_ORDERS], lang),
	       fmt_money(m, sizeof(m), o->order_total, lang),
	       days_iso(sample_first_day(p->months), d1), days_iso(sample_last_day(), d2));
	printf(TR(lang, "  activities.csv  %s activities\n", "  activities.csv  %s aktiviteter\n"),
	       fmt_int(d, sizeof(d), o->rows[F_ACTIVITIES], lang));
}

static int run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"customers", required_argument, NULL, 'c'},
	    {"sellers", required_argument, NULL, 's'},
	    {"months", required_argument, NULL, 'm'},
	    {"seed", required_argument, NULL, 'S'},
	    {"lang", required_argument, NULL, 'L'},
	    {NULL, 0, NULL, 0},
	};
	struct sample_params p = {SAMPLE_CUSTOMERS, SAMPLE_SELLERS, SAMPLE_MONTHS, SAMPLE_SEED};
	const char *dir = NULL;
	enum lang lang = ctx->lang;
	int ch;
	long v;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			dir = optarg;
			break;
		case 'c':
		case 's':
		case 'm': {
			long hi = ch == 'c'   ? SAMPLE_MAX_CUSTOMERS
			          : ch == 's' ? SAMPLE_MAX_SELLERS
			                      : SAMPLE_MAX_MONTHS;
			if (cmd_parse_long(optarg, 1, hi, &v) != 0) {
				cmd_error(&cmd_sample,
				          "--%s wants a whole number from 1 to %ld, not \"%s\"",
				          ch == 'c'   ? "customers"
				          : ch == 's' ? "sellers"
				                      : "months",
				          hi, optarg);
				return EXIT_USAGE;
			}
			*(ch == 'c' ? &p.customers : ch == 's' ? &p.sellers : &p.months) = (int)v;
			break;
		}
		case 'S': {
			if (cmd_parse_u64(optarg, &p.seed) != 0) {
				cmd_error(&cmd_sample, "--seed wants a whole number, not \"%s\"",
				          optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'L':
			if (lang_parse(optarg, &lang) != 0) {
				cmd_error(&cmd_sample, "--lang wants sv or en, not \"%s\"", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return cmd_usage(&cmd_sample);
		}
	}
	if (!dir || !*dir || optind != argc)
		return cmd_usage(&cmd_sample);
	if (make_dir(dir) != 0) {
		cmd_error(&cmd_sample, "cannot create the folder %s: %s", dir, strerror(errno));
		return EXIT_DATA;
	}
	struct out o = {0};
	char *tmp[F_COUNT] = {0}, *final[F_COUNT] = {0}, *cause = NULL;
	int rc = EXIT_DATA;
	for (int i = 0; i < F_COUNT; i++) {
		final[i] = xasprintf("%s/%s", dir, file_names[i]);
		tmp[i] = xasprintf("%s/.%s.tmp", dir, file_names[i]);
		if (!(o.f[i] = fopen(tmp[i], "wb"))) {
			cmd_error(&cmd_sample, "cannot write %s: %s", tmp[i], strerror(errno));
			goto out;
		}
		setvbuf(o.f[i], NULL, _IOFBF, 1 << 16);
		fprintf(o.f[i], "%s\n", headers[i]);
	}
	struct sample_sink sink = {.ctx = &o,
	                           .seller = on_seller,
	                           .customer = on_customer,
	                           .order = on_order,
	                           .activity = on_activity};
	if (sample_generate(&p, &sink, &cause) != 0) {
		cmd_error(&cmd_sample, "%s", cause);
		rc = EXIT_USAGE;
		goto out;
	}
	for (int i = 0; i < F_COUNT; i++) {
		int bad = ferror(o.f[i]) != 0;
		bad |= fclose(o.f[i]) != 0;
		o.f[i] = NULL;
		if (bad || rename(tmp[i], final[i]) != 0) {
			cmd_error(&cmd_sample, "writing %s failed: %s", final[i], strerror(errno));
			goto out;
		}
	}
	print_summary(&p, &o, dir, lang);
	rc = EXIT_OK;
out:
	for (int i = 0; i < F_COUNT; i++) {
		if (o.f[i]) {
			fclose(o.f[i]);
			remove(tmp[i]);
		}
		free(tmp[i]);
		free(final[i]);
	}
	free(cause);
	return rc;
}

const struct command cmd_sample = {
    .name = "sample",
    .usage = "sample --out DIR [--customers N] [--sellers N] [--months N] [--seed N]",
    .summary = "write the sample company (customers, orders, activities, sellers) as CSV files",
    .order = 90,
    .run = run,
    .help =
        "Writes a made-up but realistic company, Exempelgrossisten AB (a wholesaler of\n"
        "tools, work wear and consumables), as four CSV files in DIR (created if needed;\n"
        "existing files of these names are replaced):\n"
        "\n"
        "  customers.csv   customer_id,name,org_number,address,postal_code,city,lat,lon,\n"
        "                  industry,employees,seller_id,potential,wallet,email,phone,open,close\n"
        "  orders.csv      order_id,customer_id,date,amount,margin,seller_id\n"
        "  activities.csv  date,seller_id,customer_id,type,duration_min,travel_min,km\n"
        "  sellers.csv     seller_id,name,role,hours_per_year,home_postal_code,home_lat,\n"
        "                  home_lon,email\n"
        "\n"
        "UTF-8, comma-separated, ISO dates, '.' decimals, amounts in kr. The same options\n"
        "give byte-identical files on every run: the period always ends on 2026-10-31\n"
        "and starts N months earlier (2024-11-01 for --months 24), whatever today is.\n"
        "\n"
        "The company is shaped like the story in docs/sample.md: field sellers drive to\n"
        "small old friends, newsletters go to the small customers, most small customers\n"
        "are never contacted, about 20 % of the customers give about 80 % of the revenue,\n"
        "the average order is about 3 500 kr and customer contact takes about 17 % of the\n"
        "sellers' working hours. Customers sit at real Swedish postal codes (GeoNames)\n"
        "around their seller's home; some have no coordinates, so that an import locates\n"
        "them from the postal code. Potential is given for about half the customers, a\n"
        "wallet (köpkraft) for about a quarter, nothing for the rest.\n"
        "\n"
        "Options:\n"
        "  --out DIR        the folder to write to (required)\n"
        "  --customers N    number of customers, 1..1000000 (default 7000)\n"
        "  --sellers N      number of sellers, 1..1000 (default 12): about 1 in 6 customer\n"
        "                   service, 1 in 4 hunters, the rest farmers (12: 7 farmers,\n"
        "                   3 hunters, 2 customer service)\n"
        "  --months N       months of orders and activities, 1..120 (default 24)\n"
        "  --seed N         another company of the same shape (default 1)\n"
        "  --lang sv|en     language of the summary printed at the end\n"
        "\n"
        "Example:\n"
        "  fokus sample --out sample && fokus import customers sample/customers.csv\n",
};
