/* colmap.c — the header alias tables (English and Swedish, as ERPs, CRMs
 * and Excel write them; see docs/import.md) and the matching of a file's
 * header against them. Aliases are written as people write them and
 * folded with colmap_norm when compared, so "Kund-nr", "KUNDNR" and
 * "kund_nr" are one alias. */
#include "io/colmap.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NORM_CAP 128

/* ---- alias lists (best first) ------------------------------------------ */

static const char *const a_customer_id[] = {
    "customer_id", "Customer ID", "CustomerID", "Customer No",    "Customer Number",
    "Customer nr", "Kundnr",      "Kundnummer", "Kund-ID",        "Kundid",
    "Kund nr",     "Client ID",   "Account ID", "Account Number", NULL};
static const char *const a_id[] = {"ID", NULL};
/* in order and activity files "Kund" is the customer, by number or name */
static const char *const a_customer_low[] = {"Kund", "Customer", "Client", NULL};
static const char *const a_name[] = {
    "name",    "Namn",         "Kundnamn",     "Customer Name", "Företag", "Företagsnamn",
    "Company", "Company Name", "Account Name", "Client Name",   "Client",  "Account",
    NULL};
static const char *const a_org_number[] = {"org_number",
                                           "Orgnr",
                                           "Org.nr",
                                           "Organisationsnummer",
                                           "Organisationsnr",
                                           "Org nummer",
                                           "Organization Number",
                                           "Organisation Number",
                                           "Org Number",
                                           "Company Number",
                                           "Registration Number",
                                           NULL};
static const char *const a_address[] = {
    "address", "Adress",         "Utdelningsadress", "Gatuadress", "Besöksadress",   "Postadress",
    "Street",  "Street Address", "Address 1",        "Adress 1",   "Address Line 1", NULL};
static const char *const a_postal_code[] = {"postal_code", "Postnr",  "Postnummer",  "Zip",
                                            "Zip Code",    "Zipcode", "Postal Code", "Postcode",
                                            "Post Code",   NULL};
static const char *const a_city[] = {"city", "Ort", "Postort", "Stad", "Town", NULL};
static const char *const a_lat[] = {"lat", "Latitude", "Latitud", NULL};
static const char *const a_lon[] = {"lon", "Longitude", "Longitud", "Lng", "Long", NULL};
static const char *const a_industry[] = {
    "industry",      "Bransch", "Branschkod", "SNI",     "SNI-kod", "SNI kod",
    "Industry Code", "Sector",  "Sektor",     "Segment", NULL};
static const char *const a_industry_low[] = {"Kundtyp", "Customer Type", NULL};
static const char *const a_employees[] = {
    "employees",           "Anställda",      "Antal anställda",
    "Number of Employees", "Employee Count", "No of Employees",
    "Headcount",           "Storleksklass",  NULL};
static const char *const a_seller_id[] = {
    "seller_id",    "Säljare",      "Säljar-ID",        "Säljarid",
    "Säljare ID",   "Säljkod",      "Ansvarig säljare", "Kundansvarig",
    "Ansvarig",     "Vår referens", "Account Owner",    "Owner",
    "Owner ID",     "Sales Rep",    "Sales Rep ID",     "Salesperson",
    "Sales Person", "Seller",       "Seller ID",        NULL};
static const char *const a_revenue[] = {"revenue",         "Omsättning",       "Årsomsättning",
                                        "Nettoomsättning", "Annual Revenue",   "Turnover",
                                        "Annual Turnover", "Revenue per year", NULL};
static const char *const a_potential[] = {"potential", "Potential per år", "Potential per year",
                                          NULL};
static const char *const a_wallet[] = {"wallet",         "Köpkraft",        "Wallet Size",
                                       "Total köpkraft", "Wallet per year", NULL};
static const char *const a_email[] = {
    "email", "E-post", "Epost", "E-postadress", "E-mail", "Mail", "Mejl", "Email Address", NULL};
static const char *const a_phone[] = {"phone",         "Telefon",      "Tel",
                                      "Telefonnummer", "Phone Number", "Mobil",
                                      "Mobilnummer",   "Mobile",       NULL};
static const char *const a_open[] = {
    "open", "Öppnar", "Öppettid från", "Opens", "Opening Time", "Open From", NULL};
static const char *const a_close[] = {
    "close", "Stänger", "Öppettid till", "Closes", "Closing Time", "Open To", NULL};
static const char *const a_hours[] = {"opening_hours", "Öppettider", "Öppettid", "Opening Hours",
                                      NULL};

static const char *const a_order_id[] = {
    "order_id",     "Order ID",      "Orderid",    "Ordernr",    "Ordernummer",    "Order No",
    "Order Number", "InvoiceNo",     "Invoice No", "Invoice",    "Invoice Number", "Invoice ID",
    "Fakturanr",    "Fakturanummer", "Faktura",    "Faktura nr", "Document No",    NULL};
static const char *const a_order_date[] = {"date",
                                           "Datum",
                                           "Orderdatum",
                                           "Fakturadatum",
                                           "InvoiceDate",
                                           "Invoice Date",
                                           "Order Date",
                                           "Orderdate",
                                           "Transaction Date",
                                           "Transaktionsdatum",
                                           NULL};
static const char *const a_order_date_low[] = {"Bokföringsdatum", "Posting Date", "Leveransdatum",
                                               "Delivery Date", NULL};
static const char *const a_amount_net[] = {"Netto",
                                           "Net",
                                           "Net Amount",
                                           "Nettobelopp",
                                           "Net Sales",
                                           "Nettoförsäljning",
                                           "Net Value",
                                           "Nettovärde",
                                           "Belopp exkl. moms",
                                           "Summa exkl. moms",
                                           "Totalt exkl. moms",
                                           "Total exkl. moms",
                                           "Exkl. moms",
                                           "Amount excl. VAT",
                                           "Total excl. VAT",
                                           "Excl. VAT",
                                           "Amount excl. tax",
                                           NULL};
static const char *const a_amount[] = {
    "amount",    "Belopp",   "Sales",      "Försäljning", "Ordervärde", "Order Value",
    "Radbelopp", "Radsumma", "Line Total", "Line Amount", "Summa",      "Total",
    "Totalt",    "Värde",    "Value",      "Revenue",     "Omsättning", NULL};
static const char *const a_amount_gross[] = {"Belopp inkl. moms", "Summa inkl. moms",
                                             "Totalt inkl. moms", "Total inkl. moms",
                                             "Inkl. moms",        "Brutto",
                                             "Bruttobelopp",      "Gross",
                                             "Gross Amount",      "Amount incl. VAT",
                                             "Total incl. VAT",   "Incl. VAT",
                                             "Amount incl. tax",  NULL};
static const char *const a_quantity[] = {"quantity",         "Antal", "Qty", "Kvantitet",
                                         "Quantity Ordered", "Units", NULL};
static const char *const a_unit_price[] = {
    "unit_price", "UnitPrice", "Unit Price", "À-pris",     "Á-pris",         "A-pris",      "Apris",
    "Pris",       "Styckpris", "Price",      "Price Each", "Price per Unit", "Pris per st", NULL};
static const char *const a_margin[] = {
    "margin",       "TB",       "Täckningsbidrag", "Profit", "Bruttovinst",
    "Gross Profit", "Marginal", "Margin Amount",   NULL};

static const char *const a_act_date[] = {
    "date",  "Datum",    "Aktivitetsdatum", "Activity Date", "Startdatum", "Start Date",
    "Start", "Starttid", "Start Time",      "Tidpunkt",      NULL};
static const char *const a_act_time[] = {"time", "Klockslag", "Time of Day", "Kl", NULL};
static const char *const a_type[] = {
    "type",       "Typ",          "Aktivitetstyp", "Activity Type", "Aktivitet", "Activity",
    "Kontakttyp", "Contact Type", "Kind",          "Händelse",      NULL};
static const char *const a_duration[] = {"duration_min", "Minuter",     "Minutes",   "Duration",
                                         "Längd",        "Varaktighet", "Tid (min)", NULL};
static const char *const a_travel[] = {"travel_min",     "Restid",       "Travel Time",
                                       "Travel Minutes", "Restid (min)", NULL};
static const char *const a_km[] = {"km",         "Kilometer", "Distance", "Distans",
                                   "Körsträcka", "Körda km",  NULL};

static const char *const a_sel_id[] = {
    "seller_id", "Säljar-ID", "Säljarid",  "Säljare ID",   "Seller ID",   "Sellerid",
    "Säljkod",   "Signatur",  "Initialer", "Sales Rep ID", "Employee ID", "Anställningsnummer",
    "User ID",   "ID",        NULL};
static const char *const a_sel_id_low[] = {"Säljare", "Seller", "Sales Rep", "Salesperson", NULL};
static const char *const a_sel_name[] = {
    "name", "Namn", "Säljarnamn", "Seller Name", "Full Name", "Fullständigt namn", NULL};
static const char *const a_role[] = {"role",        "Roll",       "Säljarroll",
                                     "Seller Role", "Sales Role", NULL};
static const char *const a_role_low[] = {"Typ", "Type", NULL};
static const char *const a_hours_year[] = {"hours_per_year",
                                           "Arbetstid",
                                           "Årsarbetstid",
                                           "Timmar per år",
                                           "Arbetstimmar",
                                           "Hours per Year",
                                           "Annual Hours",
                                           "Working Hours",
                                           "Timmar",
                                           "Hours",
                                           NULL};
static const char *const a_home_postal[] = {"home_postal_code", "Hempostnummer", "Hem postnummer",
                                            "Home Postal Code", "Home Zip",      "Postnr",
                                            "Postnummer",       "Postal Code",   "Zip",
                                            "Zip Code",         "Postcode",      NULL};
static const char *const a_home_lat[] = {"home_lat", "Home Latitude", "lat",
                                         "Latitude", "Latitud",       NULL};
static const char *const a_home_lon[] = {
    "home_lon", "Home Longitude", "lon", "Longitude", "Longitud", "Lng", "Long", NULL};

/* ---- field tables -------------------------------------------------------- */

#define C(m) offsetof(struct rec, u.c.m)
#define O(m) offsetof(struct rec, u.o.m)
#define A(m) offsetof(struct rec, u.a.m)
#define S(m) offsetof(struct rec, u.s.m)
#define T1(x)                                                                                      \
	{                                                                                          \
		x, NULL, NULL                                                                      \
	}

static const struct colfield f_customers[] = {
    {"customer_id",
     "customer-ID",
     COL_ID,
     F_CUSTOMER_ID,
     C(customer_id),
     -1,
     {a_customer_id, a_id, NULL}},
    {"name", "name", COL_TEXT, F_OTHER, C(name), -1, T1(a_name)},
    {"org_number", "organisation-number", COL_TEXT, F_OTHER, C(org_number), -1, T1(a_org_number)},
    {"address", "address", COL_TEXT, F_OTHER, C(address), -1, T1(a_address)},
    {"postal_code", "postal-code", COL_TEXT, F_OTHER, C(postal_code), -1, T1(a_postal_code)},
    {"city", "city", COL_TEXT, F_OTHER, C(city), -1, T1(a_city)},
    {"lat", "latitude", COL_LAT, F_OTHER, C(lat), C(has_lat_lon), T1(a_lat)},
    {"lon", "longitude", COL_LON, F_OTHER, C(lon), C(has_lat_lon), T1(a_lon)},
    {"industry",
     "industry",
     COL_TEXT,
     F_OTHER,
     C(industry),
     -1,
     {a_industry, a_industry_low, NULL}},
    {"employees", "employees", COL_INT, F_OTHER, C(employees), -1, T1(a_employees)},
    {"seller_id", "seller-ID", COL_ID, F_SELLER_ID, C(seller_id), -1, T1(a_seller_id)},
    {"revenue", "revenue", COL_MONEY, F_OTHER, C(revenue), C(has_revenue), T1(a_revenue)},
    {"potential", "potential", COL_MONEY, F_OTHER, C(potential), C(has_potential), T1(a_potential)},
    {"wallet", "wallet", COL_MONEY, F_OTHER, C(wallet), C(has_wallet), T1(a_wallet)},
    {"email", "e-mail", COL_TEXT, F_OTHER, C(email), -1, T1(a_email)},
    {"phone", "phone", COL_TEXT, F_OTHER, C(phone), -1, T1(a_phone)},
    {"open", "opening-time", COL_TIME, F_OTHER, C(open_min), -1, T1(a_open)},
    {"close", "closing-time", COL_TIME, F_OTHER, C(close_min), -1, T1(a_close)},
    {"opening_hours", "opening-hours", COL_HOURS, F_OTHER, C(open_min), C(close_min), T1(a_hours)},
};

static const struct colfield f_orders[] = {
    {"order_id", "order-ID", COL_ID, F_OTHER, O(order_id), -1, T1(a_order_id)},
    {"customer_id",
     "customer-ID",
     COL_ID,
     F_CUSTOMER_ID,
     O(customer_id),
     -1,
     {a_customer_id, a_customer_low, NULL}},
    {"date", "date", COL_DATE, F_DATE, O(day), O(minute), {a_order_date, a_order_date_low, NULL}},
    {"amount",
     "amount",
     COL_MONEY,
     F_AMOUNT,
     O(amount),
     -1,
     {a_amount_net, a_amount, a_amount_gross}},
    {"quantity", "quantity", COL_NUM, F_QUANTITY, O(quantity), O(has_quantity), T1(a_quantity)},
    {"unit_price", "unit-price", COL_MONEY, F_UNIT_PRICE, -1, -1, T1(a_unit_price)},
    {"margin", "margin", COL_MONEY, F_OTHER, O(margin), O(has_margin), T1(a_margin)},
    {"seller_id", "seller-ID", COL_ID, F_SELLER_ID, O(seller_id), -1, T1(a_seller_id)},
};

static const struct colfield f_activities[] = {
    {"date", "date", COL_DATE, F_DATE, A(day), A(minute), T1(a_act_date)},
    {"time", "time", COL_CLOCK, F_TIME, A(minute), -1, T1(a_act_time)},
    {"customer_id",
     "customer-ID",
     COL_ID,
     F_CUSTOMER_ID,
     A(customer_id),
     -1,
     {a_customer_id, a_customer_low, NULL}},
    {"seller_id", "seller-ID", COL_ID, F_SELLER_ID, A(seller_id), -1, T1(a_seller_id)},
    {"type", "activity-type", COL_ACTTYPE, F_OTHER, A(type), -1, T1(a_type)},
    {"duration_min", "duration", COL_NUM, F_OTHER, A(duration_min), A(has_duration),
     T1(a_duration)},
    {"travel_min", "travel-time", COL_NUM, F_OTHER, A(travel_min), A(has_travel), T1(a_travel)},
    {"km", "distance", COL_NUM, F_OTHER, A(km), A(has_km), T1(a_km)},
};

static const struct colfield f_sellers[] = {
    {"seller_id",
     "seller-ID",
     COL_ID,
     F_SELLER_ID,
     S(seller_id),
     -1,
     {a_sel_id, a_sel_id_low, NULL}},
    {"name", "name", COL_TEXT, F_OTHER, S(name), -1, T1(a_sel_name)},
    {"role", "role", COL_ROLE, F_OTHER, S(role), -1, {a_role, a_role_low, NULL}},
    {"hours_per_year", "working-hours", COL_NUM, F_OTHER, S(hours_per_year), S(has_hours),
     T1(a_hours_year)},
    {"home_postal_code", "home-postal-code", COL_TEXT, F_OTHER, S(home_postal_code), -1,
     T1(a_home_postal)},
    {"home_lat", "home-latitude", COL_LAT, F_OTHER, S(home_lat), S(has_home), T1(a_home_lat)},
    {"home_lon", "home-longitude", COL_LON, F_OTHER, S(home_lon), S(has_home), T1(a_home_lon)},
    {"email", "e-mail", COL_TEXT, F_OTHER, S(email), -1, T1(a_email)},
};

static const struct {
	const struct colfield *f;
	int n;
} tables[REC_KIND_COUNT] = {
    {f_customers, sizeof(f_customers) / sizeof(f_customers[0])},
    {f_orders, sizeof(f_orders) / sizeof(f_orders[0])},
    {f_activities, sizeof(f_activities) / sizeof(f_activities[0])},
    {f_sellers, sizeof(f_sellers) / sizeof(f_sellers[0])},
};

/* Money headers with a unit: "Omsättning (tkr)" is revenue in thousands. */
static const struct {
	const char *suffix; /* folded */
	int pow10;
} money_units[] = {
    {"tkr", 3},  {"ksek", 3}, {"kkr", 3}, {"tsek", 3}, {"mkr", 6},
    {"msek", 6}, {"kr", 0},   {"sek", 0}, {"eur", 0},  {"usd", 0},
};

/* Folding of U+00C0..U+00FF: accents away, ß to ss, æ to ae. */
static const char *const latin1_fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

const struct colfield *colmap_fields(enum rec_kind kind, int *n)
{
	*n = tables[kind].n;
	return tables[kind].f;
}

int colmap_field_index(enum rec_kind kind, const char *name)
{
	for (int i = 0; i < tables[kind].n; i++)
		if (!strcmp(tables[kind].f[i].name, name))
			return i;
	return -1;
}

static void put(char *out, size_t cap, size_t *o, const char *s)
{
	while (*s && *o + 1 < cap)
		out[(*o)++] = *s++;
}

void colmap_norm(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	size_t o = 0;
	while (p < e && o + 1 < cap) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			if (c >= 'A' && c <= 'Z')
				out[o++] = (char)(c + 32);
			else if (c == '#')
				put(out, cap, &o, "nr");
			else if (!strchr(" \t_-.()/:'\"*?[]", (int)c) && c)
				out[o++] = (char)c;
			continue;
		}
		if ((c == 0xC2 || c == 0xC3) && p + 1 < e) {
			unsigned cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
			if (cp >= 0xC0)
				put(out, cap, &o, latin1_fold[cp - 0xC0]);
			/* U+0080..U+00BF: no-break space, signs: dropped */
			continue;
		}
		if (c == 0xE2 && p + 2 < e && p[1] == 0x80) {
			p += 3; /* dashes, quotes, thin spaces (U+2000..U+203F) */
			continue;
		}
		out[o++] = (char)c; /* anything else as it is */
		p++;
	}
	out[o] = '\0';
}

/* How well column header `h` (folded) names field f: tier * 1000 + alias
 * index, or -1. *pow10 gets the unit's power for money headers. */
static int score(const struct colfield *f, const char *h, int *pow10)
{
	char a[NORM_CAP];
	*pow10 = 0;
	for (int t = 0; t < COL_TIERS; t++) {
		if (!f->alias[t])
			continue;
		for (int i = 0; f->alias[t][i]; i++) {
			colmap_norm(f->alias[t][i], strlen(f->alias[t][i]), a, sizeof(a));
			if (!strcmp(a, h))
				return t * 1000 + i;
		}
	}
	if (f->type != COL_MONEY)
		return -1;
	size_t hl = strlen(h);
	for (size_t u = 0; u < sizeof(money_units) / sizeof(money_units[0]); u++) {
		size_t k = strlen(money_units[u].suffix);
		if (hl <= k || strcmp(h + hl - k, money_units[u].suffix))
			continue;
		char base[NORM_CAP];
		memcpy(base, h, hl - k);
		base[hl - k] = '\0';
		int p;
		int s = score(f, base, &p);
		if (s >= 0) {
			*pow10 = money_units[u].pow10;
			return s;
		}
	}
	return -1;
}

static int find_header(const struct row *header, const char *name)
{
	for (int i = 0; i < header->nf; i++)
		if (!strcmp(header->f[i].p, name))
			return i;
	char want[NORM_CAP], h[NORM_CAP];
	colmap_norm(name, strlen(name), want, sizeof(want));
	for (int i = 0; i < header->nf; i++) {
		colmap_norm(header->f[i].p, header->f[i].n, h, sizeof(h));
		if (want[0] && !strcmp(h, want))
			return i;
	}
	return -1;
}

static char *field_names(enum rec_kind kind)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < tables[kind].n; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", tables[kind].f[i].name);
	return strbuf_detach(&sb);
}

static char *column_names(const struct row *header)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < header->nf; i++)
		strbuf_printf(&sb, "%s\"%s\"", i ? ", " : "", header->f[i].p);
	return strbuf_detach(&sb);
}

/* Applies the --map entries. 0 or -1 with err. */
static int apply_map(enum rec_kind kind, const struct row *header, const char *const *map,
                     struct colmatch *out, char *taken, char *fixed, struct ferr *err)
{
	for (int k = 0; map && map[k]; k++) {
		const char *eq = strchr(map[k], '=');
		char name[64];
		if (!eq || eq == map[k] || (size_t)(eq - map[k]) >= sizeof(name)) {
			ferr_set(
			    err,
			    "--map wants field=Header, e.g. --map customer_id=Kundnr; got \"%s\".",
			    map[k]);
			return -1;
		}
		memcpy(name, map[k], (size_t)(eq - map[k]));
		name[eq - map[k]] = '\0';
		int fi = colmap_field_index(kind, name);
		if (fi < 0) {
			char *names = field_names(kind);
			ferr_set(err, "--map %s: \"%s\" is not a field of a %s file (fields: %s).",
			         map[k], name, rec_kind_name(kind), names);
			free(names);
			return -1;
		}
		fixed[fi] = 1;
		out[fi].tier = -1;
		if (!eq[1]) {
			out[fi].col = -1; /* kept out on purpose */
			continue;
		}
		int col = find_header(header, eq + 1);
		if (col < 0) {
			char *cols = column_names(header);
			ferr_set(err, "--map %s: the file has no column \"%s\" (its columns: %s).",
			         map[k], eq + 1, cols);
			free(cols);
			return -1;
		}
		out[fi].col = col;
		taken[col] = 1;
	}
	return 0;
}

int colmap_match(enum rec_kind kind, const struct row *header, const char *const *map,
                 struct colmatch *out, struct ferr *err)
{
	int nf = tables[kind].n, nc = header->nf;
	const struct colfield *fields = tables[kind].f;
	char *taken = xcalloc((size_t)nc + 1, 1), *fixed = xcalloc((size_t)nf, 1);
	char(*norm)[NORM_CAP] = xcalloc((size_t)nc + 1, NORM_CAP);
	int rc = -1;
	for (int i = 0; i < nf; i++)
		out[i] = (struct colmatch){.col = -1, .tier = 0, .pow10 = 0, .alt_col = -1};
	for (int c = 0; c < nc; c++)
		colmap_norm(header->f[c].p, header->f[c].n, norm[c], NORM_CAP);
	if (apply_map(kind, header, map, out, taken, fixed, err) < 0)
		goto out;
	for (int i = 0; i < nf; i++) {
		int best = -1, best_s = 0, best_p = 0;
		for (int c = 0; c < nc; c++) {
			int p, s = norm[c][0] ? score(&fields[i], norm[c], &p) : -1;
			if (s < 0)
				continue;
			if (fixed[i] || taken[c]) {
				if (out[i].alt_col < 0 && c != out[i].col && !taken[c])
					out[i].alt_col = c;
				continue;
			}
			if (best < 0 || s < best_s) {
				if (best >= 0 && out[i].alt_col < 0)
					out[i].alt_col = best;
				best = c;
				best_s = s;
				best_p = p;
			} else if (out[i].alt_col < 0) {
				out[i].alt_col = c;
			}
		}
		if (fixed[i] || best < 0)
			continue;
		out[i].col = best;
		out[i].tier = best_s / 1000;
		out[i].pow10 = best_p;
		taken[best] = 1;
	}
	/* an alternative that another field took is no alternative */
	for (int i = 0; i < nf; i++)
		for (int j = 0; j < nf; j++)
			if (out[i].alt_col >= 0 && out[i].alt_col == out[j].col)
				out[i].alt_col = -1;
	rc = 0;
out:
	free(taken);
	free(fixed);
	free(norm);
	return rc;
}

char *colmap_alias_list(const struct colfield *f, int max)
{
	int ntier = 0, total = 0, len[COL_TIERS] = {0, 0, 0}, take[COL_TIERS] = {0, 0, 0};
	for (int t = 0; t < COL_TIERS; t++) {
		for (int i = 0; f->alias[t] && f->alias[t][i]; i++)
			len[t] += strcmp(f->alias[t][i], f->name) != 0;
		ntier += len[t] > 0;
		total += len[t];
	}
	if (max <= 0 || max >= total) {
		memcpy(take, len, sizeof(take));
	} else {
		/* a fair share of each tier first, then what is left in order */
		int share = (max + ntier - 1) / (ntier ? ntier : 1), used = 0;
		for (int t = 0; t < COL_TIERS; t++) {
			take[t] = len[t] < share ? len[t] : share;
			if (used + take[t] > max)
				take[t] = max - used;
			used += take[t];
		}
		for (int t = 0; t < COL_TIERS && used < max; t++) {
			int more = len[t] - take[t] < max - used ? len[t] - take[t] : max - used;
			take[t] += more;
			used += more;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, f->name);
	int shown = 0;
	for (int t = 0; t < COL_TIERS; t++) {
		int k = 0;
		for (int i = 0; f->alias[t] && f->alias[t][i] && k < take[t]; i++) {
			if (!strcmp(f->alias[t][i], f->name))
				continue;
			strbuf_printf(&sb, ", %s", f->alias[t][i]);
			k++;
			shown++;
		}
	}
	if (shown < total)
		strbuf_puts(&sb, ", …");
	return strbuf_detach(&sb);
}
